namespace LandInventory.Auth;

/// <summary>The roles a token may carry, and the claims it carries them in.</summary>
public static class Roles
{
    public const string Planner = "planner";
    public const string Admin = "admin";

    /// <summary>Who the token speaks for (a name for the history).</summary>
    public const string SubjectClaim = "sub";

    public const string RoleClaim = "role";

    /// <summary>The bureau a planner speaks for (a steward's id).</summary>
    public const string StewardClaim = "steward";
}
