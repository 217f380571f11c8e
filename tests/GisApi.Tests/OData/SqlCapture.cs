using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace LandInventory.GisApi.Tests.OData;

/// <summary>
/// The SQL that EF sends to one database, read from EF's diagnostic events: what the API really asked PostgreSQL,
/// with its parameters, without changing the API for the test. Other test classes' databases are ignored, and so are the
/// data-version query of the ETags and the host's start-up check for a first admin (a host starts on its first request).
/// </summary>
internal sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _all;
    private readonly ConcurrentQueue<IDisposable> _subscriptions = new();

    public SqlCapture(string database)
    {
        _database = database;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Copied when sent: EF and Npgsql reuse and reset their command objects afterwards.</summary>
    public ConcurrentQueue<(string Text, NpgsqlParameter[] Parameters, bool Async)> Commands { get; } = new();

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Enqueue(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && data.Command.Connection?.Database == _database)
        {
            // Not the ETag's version query, which every GET sends first: the question asked is what the tests read.
            if (!data.Command.CommandText.Contains("layer_versions", StringComparison.Ordinal)
                && !data.Command.CommandText.Contains("FROM accounts", StringComparison.Ordinal))
            {
                Commands.Enqueue((data.Command.CommandText, [.. data.Command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone())],
                    data.IsAsync));
            }
        }
    }

    /// <summary>The text of every query sent, one per line.</summary>
    public string Text => string.Join('\n', Commands.Select(c => c.Text));

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        while (_subscriptions.TryDequeue(out var subscription))
        {
            subscription.Dispose();
        }
    }
}
