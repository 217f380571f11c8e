using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace LandInventory.GisApi.OData;

/// <summary>
/// $search over the code and the Chinese and English names: each term matches as a case-insensitive substring
/// (<c>ILIKE</c>, its wildcards escaped), terms combine with AND, OR and NOT as OData's search grammar says.
/// </summary>
public sealed class NameSearchBinder : ISearchBinder
{
    private static readonly string[] Searched = ["Code", "NameZh", "NameEn"];

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly Expression Functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));

    public Expression BindSearch(SearchClause searchClause, QueryBinderContext context)
    {
        ArgumentNullException.ThrowIfNull(searchClause);
        ArgumentNullException.ThrowIfNull(context);
        var row = context.CurrentParameter;
        return Expression.Lambda(Bind(searchClause.Expression, row), row);
    }

    private static Expression Bind(SingleValueNode node, ParameterExpression row) => node switch
    {
        SearchTermNode term => Matches(term.Text, row),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Expression.AndAlso(Bind(and.Left, row), Bind(and.Right, row)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => Expression.OrElse(Bind(or.Left, row), Bind(or.Right, row)),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => Expression.Not(Bind(not.Operand, row)),
        _ => throw new ODataException($"$search: '{node.Kind}' is not supported"),
    };

    private static Expression Matches(string text, ParameterExpression row)
    {
        var pattern = Captured.Of($"%{Escape(text)}%");
        return Searched.Where(name => row.Type.GetProperty(name) is not null)
            .Select(name => (Expression)Expression.Call(ILike, Functions, Expression.Property(row, name), pattern, Expression.Constant("\\")))
            .Aggregate(Expression.OrElse);
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
