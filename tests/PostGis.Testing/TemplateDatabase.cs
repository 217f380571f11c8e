using LandInventory.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandInventory.PostGis.Testing;

/// <summary>
/// Migrations are applied once per run, to a template; each test class then gets its own copy in milliseconds
/// (CREATE DATABASE ... TEMPLATE), so classes never see each other's data and order does not matter.
/// </summary>
internal sealed class TemplateDatabase
{
    private readonly string _adminConnectionString;

    private TemplateDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
    }

    public string Name { get; }

    public static async Task<TemplateDatabase> CreateAsync(string adminConnectionString)
    {
        var name = await Databases.CreateAsync(adminConnectionString, template: null, prefix: "li_template");
        // Unpooled: a template must have no open connection left when it is copied.
        var connectionString = new NpgsqlConnectionStringBuilder(Databases.ConnectionStringFor(adminConnectionString, name))
        {
            Pooling = false,
        }.ConnectionString;
        await using (var db = InventoryDatabase.CreateContext(connectionString))
        {
            await db.Database.MigrateAsync();
        }

        return new TemplateDatabase(adminConnectionString, name);
    }

    public Task DropAsync() => Databases.DropAsync(_adminConnectionString, Name);
}
