using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Container;

namespace LandInventory.GisApi.OData;

/// <summary>
/// The second pass of <see cref="InventoryQueryAttribute"/> without binding the options again: the page the library
/// builds in <c>ODataQueryOptions.ApplyPaging</c> (9.5), made over the rows already read — the same
/// <see cref="TruncatedCollection{T}"/>, and the page size (for <c>@odata.nextLink</c>) and applied options it leaves on
/// the request's <see cref="ODataFeature"/>, whose setters are internal. Where this version of the library does not
/// match (the properties are gone, the read was not a page's), <see cref="Available"/> or <see cref="PageSizeOf"/> say
/// so and the attribute binds the options a second time instead: slower, never wrong.
/// </summary>
internal static class PageReplay
{
    private static readonly PropertyInfo? PageSizeProperty =
        typeof(ODataFeature).GetProperty("PageSize", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly PropertyInfo? QueryOptionsProperty =
        typeof(ODataFeature).GetProperty("QueryOptions", BindingFlags.Instance | BindingFlags.NonPublic);

    public static bool Available =>
        PageSizeProperty?.PropertyType == typeof(int) && QueryOptionsProperty?.PropertyType == typeof(ODataQueryOptions);

    /// <summary>
    /// The page size a captured read asked for: the library reads a page as <c>Take(pageSize + 1)</c>, the count a
    /// constant or a parameter container's property. Null for any other read.
    /// </summary>
    public static int? PageSizeOf(Expression rows) =>
        rows is MethodCallExpression { Method.Name: nameof(Queryable.Take), Arguments: [_, var count] }
        && Value(count) is int take && take > 1
            ? take - 1
            : null;

    /// <summary>The page over <paramref name="rows"/>, with the feature left as the library leaves it.</summary>
    public static IQueryable Page(HttpRequest request, ODataQueryOptions options, IList rows, Type element, int pageSize)
    {
        var page = (IEnumerable)Activator.CreateInstance(typeof(TruncatedCollection<>).MakeGenericType(element), rows, pageSize)!;
        var feature = (ODataFeature)request.ODataFeature();
        if (((ITruncatedCollection)page).IsTruncated && feature.NextLink is null)
        {
            PageSizeProperty!.SetValue(feature, pageSize);
        }

        QueryOptionsProperty!.SetValue(feature, options);
        return page.AsQueryable();
    }

    private static object? Value(Expression expression) => expression switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Expression: ConstantExpression owner, Member: PropertyInfo property } => property.GetValue(owner.Value),
        MemberExpression { Expression: ConstantExpression owner, Member: FieldInfo field } => field.GetValue(owner.Value),
        _ => null,
    };
}
