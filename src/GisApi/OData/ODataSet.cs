using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace LandInventory.GisApi.OData;

/// <summary>
/// A layer as an OData entity set (each layer's is in its folder, beside its controller): the set's name, what the model
/// builder must be told of it (key, names, what stays inside, its enums, its bound functions), and its geography
/// properties, which the builder cannot make from NetTopologySuite types and so are added to the built model.
/// </summary>
public sealed record ODataSet(string Name, Action<ODataConventionModelBuilder> Configure, Action<EdmModel> AddGeography);
