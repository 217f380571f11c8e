using LandInventory.GisApi.Errors;
using Npgsql;
using NpgsqlTypes;

namespace LandInventory.GisApi.Replicas;

/// <summary>
/// A client reads what it wrote, though replicas lag: every successful write's answer carries the primary's log position
/// after it (<see cref="Header"/>, and the same in a cookie, so that a browser's next reads carry it unasked); a read
/// that carries a position is served by a replica only once it has replayed that far (<see cref="DatabaseRoute"/>). Only
/// while replicas are configured: with one database every read sees every commit.
/// </summary>
public static class ReadYourWrites
{
    /// <summary>The position, as PostgreSQL writes one (<c>0/3000148</c>).</summary>
    public const string Header = "LandInventory-LSN";

    public const string Cookie = "landinventory-lsn";

    /// <summary>For readers of the OpenAPI description: what the header is and when it appears.</summary>
    public const string OpenApiNote =
        $"Where anonymous reads are served by read replicas, a write's answer carries {Header} (and the {Cookie} cookie): "
        + $"send it back in {Header} (a browser sends the cookie by itself) and the next reads see the write.";

    /// <summary>Long enough for any replica that serves reads to catch up; after that the cookie is no longer needed.</summary>
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromMinutes(5);

    public static WebApplication UseReadYourWrites(this WebApplication app)
    {
        var route = app.Services.GetRequiredService<DatabaseRoute>();
        if (route.Replicas.Count == 0)
        {
            return app;
        }

        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
            {
                http.Response.OnStarting(() => StampAsync(http, route));
            }

            await next(http);
        });
        return app;
    }

    /// <summary>After a write that succeeded: where the primary's log stands now, at or after that write's commit.</summary>
    private static async Task StampAsync(HttpContext http, DatabaseRoute route)
    {
        if (http.Response.StatusCode >= 400)
        {
            return;
        }

        try
        {
            var position = (await route.PrimaryPositionAsync(http.RequestAborted)).ToString();
            http.Response.Headers[Header] = position;
            http.Response.Cookies.Append(Cookie, position, new CookieOptions
            {
                Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = CookieLifetime,
            });
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // The write succeeded and the primary no longer answers: without a position this client's reads stay correct
            // only once replicas catch up — they cannot be behind a primary that is gone for long.
        }
    }

    /// <summary>
    /// The position a request carries: its header (malformed: 400), else its cookie (malformed: as if no replica had
    /// replayed it — the primary serves); none when it carries neither.
    /// </summary>
    public static NpgsqlLogSequenceNumber? PositionOf(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header)
        {
            return NpgsqlLogSequenceNumber.TryParse(header, out var position) ? position
                : throw new RequestRefusedException(Refusal.Invalid, "Invalid request",
                    $"{Header} is a position in the database's log as a write's answer gave it (such as 0/3000148), not '{header}'");
        }

        return request.Cookies.TryGetValue(Cookie, out var cookie)
            ? NpgsqlLogSequenceNumber.TryParse(cookie, out var carried) ? carried : new NpgsqlLogSequenceNumber(ulong.MaxValue)
            : null;
    }
}
