namespace LandInventory.Data.Jobs;

/// <summary>
/// A piece of an upload waiting for its import (<see cref="ImportJobRecord.Upload"/>), in order of <see cref="Seq"/>: in the
/// database, not on one instance's disk, so that whichever instance runs the job reads it. Pieces of a megabyte keep every
/// statement small however large the file.
/// </summary>
public class ImportUploadChunk
{
    public required string Upload { get; set; }

    public int Seq { get; set; }

    public required byte[] Data { get; set; }
}
