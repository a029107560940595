using Microsoft.Data.Sqlite;
using Npgsql;
using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Data;

/// <summary>What went wrong with the database, in the terms a use case decides on.</summary>
public enum StorageFailure
{
    /// <summary>A unique index refused the row: someone else saved the same key first.</summary>
    UniqueViolation,

    /// <summary>Another writer holds the database (a SQLite file locked by another program, a PostgreSQL lock) past the wait allowed.</summary>
    Busy,

    /// <summary>The database answers but cannot take the write: disk full, read-only, I/O error.</summary>
    Unwritable,

    /// <summary>The database cannot be reached or opened at all: PostgreSQL down or the connection cut, the file gone.</summary>
    Unavailable,
}

/// <summary>
/// The one place that reads a provider's exception: SQLite's result codes, PostgreSQL's SQLSTATE
/// and Npgsql's connection errors, however EF Core wraps them. Anything else (a bug, a concurrency
/// conflict EF detected itself) is not a storage failure and is left to surface.
/// </summary>
public static class StorageFailures
{
    public static StorageFailure? Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite:
                    return Sqlite(sqlite);
                case PostgresException postgres:
                    return PostgreSql(postgres.SqlState);
                case NpgsqlException:
                    // No server answer at all: refused, reset, timed out on the wire.
                    return StorageFailure.Unavailable;
            }
        }
        return null;
    }

    public static bool Is(Exception? exception, StorageFailure failure) => Classify(exception) == failure;

    /// <summary>What the cashier reads. None of these lost anything: what was not saved was not done.</summary>
    /// <param name="consequence">What did not happen, in the cashier's words (default 本次操作未保存); a payment says 未发起扣款.</param>
    public static PosError ErrorFor(StorageFailure failure, string consequence = NotSaved) => failure switch
    {
        StorageFailure.Busy => new("STORAGE_BUSY", $"数据库被占用（另一程序正在写入），{consequence}。请稍候重试；如持续出现，请联系店长关闭占用数据库的程序。", ErrorKind.Unavailable),
        StorageFailure.Unwritable => new("STORAGE_UNWRITABLE", $"数据库不可写或磁盘已满，{consequence}。请联系店长检查收银电脑的磁盘后重试。", ErrorKind.Unavailable),
        StorageFailure.UniqueViolation => new("STORAGE_CONFLICT", $"该记录已被其他收银台同时修改，{consequence}。请刷新后重试。", ErrorKind.Conflict),
        _ => new("STORAGE_UNAVAILABLE", $"数据库连接中断，{consequence}。系统正在自动重连，请稍候重试。", ErrorKind.Unavailable),
    };

    public const string NotSaved = "本次操作未保存";

    // https://www.sqlite.org/rescode.html: primary codes; a constraint counts only when it is a unique or primary key.
    private static StorageFailure? Sqlite(SqliteException e) => e.SqliteErrorCode switch
    {
        19 when e.SqliteExtendedErrorCode is 2067 or 1555 => StorageFailure.UniqueViolation,
        19 => null,
        5 or 6 => StorageFailure.Busy,
        8 or 10 or 13 => StorageFailure.Unwritable,
        11 or 14 or 26 => StorageFailure.Unavailable,
        _ => null,
    };

    // https://www.postgresql.org/docs/current/errcodes-appendix.html
    private static StorageFailure? PostgreSql(string state) => state switch
    {
        "23505" => StorageFailure.UniqueViolation,
        "55P03" or "40001" or "40P01" or "57014" => StorageFailure.Busy,
        "25006" => StorageFailure.Unwritable,
        _ when state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal) => StorageFailure.Unwritable,
        _ when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) => StorageFailure.Unavailable,
        _ => null,
    };
}
