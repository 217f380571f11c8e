namespace LandInventory.GisApi.Errors;

/// <summary>
/// A request refused for a reason the client must hear: thrown wherever the reason is found, answered by
/// <see cref="ErrorHandling"/> alone — ProblemDetails (<paramref name="title"/>, <paramref name="detail"/>, and
/// <see cref="Errors"/> when there are field problems), or an OData error body under <c>/odata</c>.
/// </summary>
public sealed class RequestRefusedException(Refusal refusal, string title, string detail, IReadOnlyList<FieldError>? errors = null)
    : Exception(detail)
{
    public Refusal Refusal { get; } = refusal;

    public string Title { get; } = title;

    /// <summary>Each problem with its feature, code and field, as the importer reports them.</summary>
    public IReadOnlyList<FieldError>? Errors { get; } = errors;
}
