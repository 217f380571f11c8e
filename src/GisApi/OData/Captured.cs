using System.Linq.Expressions;

namespace LandInventory.GisApi.OData;

/// <summary>
/// A value for a query as EF sends it best: as a parameter. EF turns a captured member into a parameter but a constant
/// into SQL text, which would make every distinct value a new statement to compile and cache.
/// </summary>
public static class Captured
{
    public static Expression Of<T>(T value) => Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed record Box<T>(T Value);
}
