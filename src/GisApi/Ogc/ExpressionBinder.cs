using System.Linq.Expressions;

namespace LandInventory.GisApi.Ogc;

/// <summary>
/// Writes a query once against a layer's key and geometry (<c>(key, geometry) =&gt; …</c>) and binds it to each table's
/// own columns, so that EF still sees plain member access and translates it to SQL (and the GiST index).
/// </summary>
public static class ExpressionBinder
{
    public static Expression<Func<TEntity, TResult>> Bind<TEntity, TKey, TGeometry, TResult>(
        Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, TGeometry>> geometry,
        Expression<Func<TKey, TGeometry, TResult>> template)
    {
        var entity = key.Parameters[0];
        var geometryBody = new Replace(geometry.Parameters[0], entity).Visit(geometry.Body);
        var body = new Replace(template.Parameters[0], key.Body).Visit(template.Body);
        body = new Replace(template.Parameters[1], geometryBody).Visit(body);
        return Expression.Lambda<Func<TEntity, TResult>>(body, entity);
    }

    /// <summary>
    /// A projection made of another: <paramref name="template"/>'s second parameter stands for what
    /// <paramref name="projection"/> makes of the same entity (a row with its versions, in one statement).
    /// </summary>
    public static Expression<Func<TEntity, TResult>> Around<TEntity, TInner, TResult>(
        Expression<Func<TEntity, TInner>> projection, Expression<Func<TEntity, TInner, TResult>> template)
    {
        var entity = template.Parameters[0];
        var inner = new Replace(projection.Parameters[0], entity).Visit(projection.Body);
        return Expression.Lambda<Func<TEntity, TResult>>(new Replace(template.Parameters[1], inner).Visit(template.Body), entity);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
