using System.Linq.Expressions;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.UriParser;

namespace LandInventory.GisApi.OData;

/// <summary>$filter with the geo functions; an upper-bounded distance as index-using within_metres.</summary>
public sealed class SpatialFilterBinder : FilterBinder
{
    public override Expression BindSingleValueFunctionCallNode(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        SpatialFunctions.Handles(node)
            ? SpatialFunctions.Bind(node, n => Bind(n, context))
            : base.BindSingleValueFunctionCallNode(node, context);

    public override Expression BindConstantNode(ConstantNode constantNode, QueryBinderContext context) =>
        SpatialFunctions.Parameter(constantNode) ?? base.BindConstantNode(constantNode, context);

    public override Expression BindBinaryOperatorNode(BinaryOperatorNode binaryOperatorNode, QueryBinderContext context) =>
        SpatialFunctions.BindWithin(binaryOperatorNode, n => Bind(n, context))
        ?? base.BindBinaryOperatorNode(binaryOperatorNode, context);
}

/// <summary>$orderby with the geo functions (nearest first: <c>$orderby=geo.distance(location, geography'…')</c>).</summary>
public sealed class SpatialOrderByBinder : OrderByBinder
{
    public override Expression BindSingleValueFunctionCallNode(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        SpatialFunctions.Handles(node)
            ? SpatialFunctions.Bind(node, n => Bind(n, context))
            : base.BindSingleValueFunctionCallNode(node, context);

    public override Expression BindConstantNode(ConstantNode constantNode, QueryBinderContext context) =>
        SpatialFunctions.Parameter(constantNode) ?? base.BindConstantNode(constantNode, context);
}

/// <summary>$compute (<c>geo.distance(…) as distanceM</c>) and the filters inside $expand, with the geo functions.</summary>
public sealed class SpatialSelectExpandBinder(IFilterBinder filterBinder, IOrderByBinder orderByBinder)
    : SelectExpandBinder(filterBinder, orderByBinder)
{
    public override Expression BindSingleValueFunctionCallNode(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        SpatialFunctions.Handles(node)
            ? SpatialFunctions.Bind(node, n => Bind(n, context))
            : base.BindSingleValueFunctionCallNode(node, context);

    public override Expression BindConstantNode(ConstantNode constantNode, QueryBinderContext context) =>
        SpatialFunctions.Parameter(constantNode) ?? base.BindConstantNode(constantNode, context);
}
