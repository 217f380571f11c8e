namespace LandInventory.GisApi.Http;

/// <summary>
/// Every GET resource answers HEAD with the same status and headers (RFC 9110 §9.3.2): clients read an ETag that way
/// before a conditional write. Routes are declared for GET; a HEAD request is routed and answered as its GET, whose body
/// is counted for <c>Content-Length</c> and never sent.
/// </summary>
public static class HeadRequests
{
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }

            http.Request.Method = HttpMethods.Get;
            var body = http.Response.Body;
            var counted = new CountingStream();
            http.Response.Body = counted;
            try
            {
                await next(http);
                if (!http.Response.HasStarted && http.Response.ContentLength is null && http.Response.StatusCode is not (204 or 304))
                {
                    http.Response.ContentLength = counted.Length;
                }
            }
            finally
            {
                http.Response.Body = body;
                http.Request.Method = HttpMethods.Head;
            }
        });
        return app;
    }

    /// <summary>Takes a body and keeps only its length.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
