using LandInventory.PostGis.Testing;

[assembly: AssemblyFixture(typeof(PostGisServer))]
