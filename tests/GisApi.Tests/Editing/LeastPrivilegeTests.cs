using System.Net;
using LandInventory.Data;
using Npgsql;

namespace LandInventory.GisApi.Tests.Editing;

/// <summary>
/// The API runs as a member of the runtime role (<see cref="RuntimeRole"/>): everything it does works — reads, edits with
/// their history, imports — and nothing else does: it cannot drop or alter a table, disable the history triggers, empty
/// the history, or run a program through COPY.
/// </summary>
public sealed class LeastPrivilegeTests(EditableApi api) : IClassFixture<EditableApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheRuntimeRole_ServesEverything_AndCanChangeNothingButRows()
    {
        var name = $"li_api_{Guid.NewGuid():N}"[..20];
        var password = Guid.NewGuid().ToString("N");
        await api.Database.ScalarAsync<object>($"CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE {RuntimeRole.Name}");
        var runtime = new NpgsqlConnectionStringBuilder(api.Database.ConnectionString) { Username = name, Password = password }.ConnectionString;
        try
        {
            await using (var factory = new ApiFactory(runtime, ("Auth:SigningKey", EditableApi.SigningKey), ("Warmup:Enabled", "false")))
            {
                var anonymous = factory.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/ogc/collections/parcels/items?limit=5", Ct)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/odata/Parcels?$top=5", Ct)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready", Ct)).StatusCode);

                var planner = factory.CreateClient();
                planner.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                    LandInventory.Auth.DevelopmentTokens.Mint(api.Settings, "least", LandInventory.Auth.Roles.Planner, EditableApi.ParcelSteward, TimeSpan.FromHours(1)));
                var url = Requests.Item("parcels", Requests.Parcel);
                var patched = await Requests.PatchAsync(planner, url, new { verifiedOn = "2026-11-30" }, await Requests.ETagAsync(anonymous, url));
                Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
                Assert.Equal(1L, await api.Database.ScalarAsync<long>(
                    "SELECT count(*) FROM feature_history WHERE code = @code AND actor = 'planner:least@' || @steward",
                    ("code", Requests.Parcel), ("steward", EditableApi.ParcelSteward)));

                var feature = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(LandInventory.PostGis.Testing.RepositoryFiles.Data("parcels.geojson")))!["features"]![0]!;
                feature["properties"]!["code"] = "LEAST-001";
                var created = await Requests.SendAsync(planner, HttpMethod.Post, "/ogc/collections/parcels/items", feature.ToJsonString(), "application/geo+json", null);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            await using var connection = new NpgsqlConnection(runtime);
            await connection.OpenAsync(Ct);
            foreach (var sql in new[]
                     {
                         "DROP TABLE land_parcels", "ALTER TABLE land_parcels DISABLE TRIGGER ALL", "TRUNCATE feature_history",
                         "COPY (SELECT 1) TO PROGRAM 'true'", "CREATE TABLE intruder (id int)", "DELETE FROM feature_history WHERE false OR true",
                     })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
                Assert.True(refused.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await api.Database.ScalarAsync<object>($"DROP OWNED BY {name}; DROP ROLE {name}");
        }
    }
}
