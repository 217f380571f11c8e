namespace LandInventory.Import.Writing;

/// <summary>How the comparing statements (<see cref="LayerTable{T}.Diff"/>, <see cref="LayerTable{T}.Upsert"/>) receive the survey tolerance.</summary>
public static class SurveyTolerance
{
    /// <summary>The statements' parameter: the tolerance in degrees.</summary>
    public const string Parameter = "tolerance";

    /// <summary>
    /// A tolerance on the ground as degrees of WGS84, never more than it on the ground in any direction at any place: a
    /// degree of latitude is at most 111 694 m long (at the poles), and a degree of longitude never longer than that.
    /// </summary>
    public static double Degrees(double metres) => metres / 111_700;
}
