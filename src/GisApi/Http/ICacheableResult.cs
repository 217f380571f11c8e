namespace LandInventory.GisApi.Http;

/// <summary>A successful answer built only from the inventory's data: it gets the data-version ETag.</summary>
public interface ICacheableResult : IResult;
