using System.Security.Claims;
using LandInventory.Auth;

namespace LandInventory.GisApi.History;

/// <summary>
/// Who made a change, as each reader may see it. The history records the writer's identity (a token's subject, which
/// may be a person's name or e-mail; <c>importer:{os user}</c>); the zone's planners and admins see it, anyone else
/// only the kind of writer and a planner's bureau: <c>planner@lqy-planning-resources</c>, <c>admin</c>, <c>importer</c>,
/// <c>database</c> (psql, a migration).
/// </summary>
public static class Writers
{
    private const string Planner = "planner:";

    public static bool SeesNames(ClaimsPrincipal user) => user.IsInRole(Roles.Planner) || user.IsInRole(Roles.Admin);

    /// <summary>The reader's view of a recorded actor.</summary>
    public static Func<string, string> For(ClaimsPrincipal user) => SeesNames(user) ? actor => actor : Public;

    /// <summary>An actor without the person: a planner's bureau is the part after the last <c>@</c> (names may hold one).</summary>
    public static string Public(string actor) =>
        actor.StartsWith(Planner, StringComparison.Ordinal) && actor.LastIndexOf('@') is var at && at > Planner.Length
            ? $"planner@{actor[(at + 1)..]}"
        : actor.StartsWith("admin:", StringComparison.Ordinal) ? "admin"
        : actor.StartsWith("importer:", StringComparison.Ordinal) ? "importer"
        : "database";
}
