using System.Text.Json.Serialization;

namespace LandInventory.GisApi.Errors;

/// <summary>One problem of a 422, as clients read it; <c>suggestedCrs</c> only when the coordinates look like another system.</summary>
public sealed record FieldError(
    int? Feature, string? Code, string Field, string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SuggestedCrs)
{
    /// <summary>A problem of a request's field, not of a feature (a match's requirement, an inquiry, an account).</summary>
    public static FieldError Of(string field, string message) => new(null, null, field, message, null);
}
