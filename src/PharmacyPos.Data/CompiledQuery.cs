using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PharmacyPos.Data;

/// <summary>
/// A query EF compiles once, per model: a compiled query refuses a context built on another model,
/// and SQLite and PostgreSQL (one process runs both in the tests and the benchmark) each have theirs.
/// For the hot reads of a till (a scan's batches, the store's settings), where EF's per-call query
/// preparation costs as much as the SQL.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
