using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CdsLearn.Web;

/// <summary>
/// A date field (<c>&lt;input type="date"&gt;</c>) posts yyyy-MM-dd where the browser has a date picker, and what was typed
/// where it has none (an old phone's browser shows a plain text box): Vietnamese write the day first, 20/01/2027. The
/// form tag helper marks date inputs as culture-invariant (the <c>__Invariant</c> field), so the default binder would
/// read only the ISO form and refuse 20/01/2027; this binder takes both, and anything else is a Vietnamese field error.
/// </summary>
public sealed class DateInputBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        (Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType) == typeof(DateOnly) ? new DateInputBinder() : null;

    /// <summary>The ISO form a date picker sends, then what people type: 20/01/2027, 20-01-2027, 20.01.2027, 2/1/2027.</summary>
    public static bool TryRead(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParseExact(text.Trim().Replace('-', '/').Replace('.', '/'), ["d/M/yyyy", "d/M/yy"], SiteCulture.Vietnamese, DateTimeStyles.None, out date);

    private sealed class DateInputBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (value == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
            var text = value.FirstValue;
            if (string.IsNullOrWhiteSpace(text))
            {
                // Empty: no date (a required one is refused by validation).
                bindingContext.Result = bindingContext.ModelMetadata.IsReferenceOrNullableType ? ModelBindingResult.Success(null) : ModelBindingResult.Failed();
                return Task.CompletedTask;
            }
            if (TryRead(text, out var date))
            {
                bindingContext.Result = ModelBindingResult.Success(date);
                return Task.CompletedTask;
            }
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "Hãy nhập ngày theo ngày/tháng/năm, ví dụ 20/01/2027.");
            bindingContext.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }
    }
}
