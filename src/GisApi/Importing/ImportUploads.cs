using Npgsql;

namespace LandInventory.GisApi.Importing;

/// <summary>
/// Uploads waiting for their import, in the database (<c>import_uploads</c>) so that whichever instance runs the job
/// reads them: written in pieces as the request body arrives, read back into a private file when the job runs (GDAL reads
/// files, not streams).
/// </summary>
public static class ImportUploads
{
    /// <summary>The pieces an upload is kept in: every statement small however large the file.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>The upload from <paramref name="body"/>, in the caller's transaction; its length.</summary>
    public static async Task<long> WriteAsync(Stream body, NpgsqlConnection connection, string upload, CancellationToken ct)
    {
        var buffer = new byte[ChunkBytes];
        long length = 0;
        for (var seq = 0; ; seq++)
        {
            var filled = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (filled == 0 && seq > 0)
            {
                return length;
            }

            await using var add = new NpgsqlCommand(ImportJobSql.AddChunk, connection);
            add.Parameters.AddWithValue("upload", upload);
            add.Parameters.AddWithValue("seq", seq);
            add.Parameters.AddWithValue("data", buffer[..filled]);
            await add.ExecuteNonQueryAsync(ct);
            length += filled;
            if (filled < buffer.Length)
            {
                return length;
            }
        }
    }

    /// <summary>The upload, from the database into <paramref name="file"/>, which only the service's user may read.</summary>
    public static async Task ReadAsync(NpgsqlDataSource dataSource, string upload, string file, CancellationToken ct)
    {
        await using var target = CreatePrivate(file);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var chunks = new NpgsqlCommand(ImportJobSql.Chunks, connection);
        chunks.Parameters.AddWithValue("upload", upload);
        await using var reader = await chunks.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            await using var chunk = await reader.GetStreamAsync(0, ct);
            await chunk.CopyToAsync(target, ct);
        }
    }

    /// <summary>A new file only the service's own user may read or write (mode 600), whatever the umask.</summary>
    public static FileStream CreatePrivate(string path)
    {
        File.Delete(path); // what an earlier attempt on this machine left: never written through, whoever made it
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
