using Microsoft.AspNetCore.Diagnostics;
using PharmacyPos.Data;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Health;

/// <summary>
/// A database failure that reached the top of a request (a read in an endpoint, a page's query):
/// the API answers 503 with the storage error's code, never the framework's 500 page; a page gets
/// the error page, which names the failure.
/// </summary>
public sealed class StorageFailureHandler(ILogger<StorageFailureHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The middleware has already pointed the request at /error: the original path is in the feature.
        var path = new PathString(context.Features.Get<IExceptionHandlerFeature>()?.Path ?? context.Request.Path.Value);
        if (StorageFailures.Classify(exception) is not { } failure || !path.StartsWithSegments("/api")) return false;
        log.LogError(exception, "{Method} {Path}: the database failed ({Failure})", context.Request.Method, path, failure);
        context.Response.Headers.RetryAfter = "5";
        await PosApi.Problem(StorageFailures.ErrorFor(failure), StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
        return true;
    }
}
