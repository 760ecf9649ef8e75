using CdsLearn.Reports;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web;

/// <summary>A report table as a download: XLSX, or CSV (UTF-8 with BOM) when asked for. Every CSV or XLSX the site sends goes
/// through here and <see cref="ReportWriter"/>, which keeps text that looks like a formula as text.</summary>
public static class ReportFile
{
    public static IActionResult Of(ReportTable table, string? format)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        return new FileCallbackResult(csv ? ReportWriter.CsvContentType : ReportWriter.XlsxContentType,
            ReportWriter.FileName(table.Title, csv ? "csv" : "xlsx"),
            (stream, ct) => csv ? ReportWriter.WriteCsvAsync(table, stream, ct) : ReportWriter.WriteXlsxAsync(table, stream, ct));
    }

    private sealed class FileCallbackResult(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = contentType;
            response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            response.Headers.CacheControl = "private, no-store";
            await write(response.Body, context.HttpContext.RequestAborted);
        }
    }
}
