using CdsLearn.Imports;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace CdsLearn.Web;

/// <summary>
/// Every text a form posts is bound through here: a value with a character <see cref="PlainText"/> refuses (NUL, other
/// control characters, invisible format characters) is a field error in Vietnamese, so it is never stored, whatever
/// the form. Line breaks and tabs pass (a text area's note); exports neutralise them where they matter.
/// </summary>
public sealed class PlainTextBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string)
            ? new PlainTextBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class PlainTextBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.Model is string text && PlainText.IndexOfUnprintable(text, multiLine: true) >= 0)
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    "Có ký tự không in được (ký tự điều khiển hoặc ký tự ẩn). Hãy gõ lại nội dung này.");
                bindingContext.Result = ModelBindingResult.Failed();
            }
        }
    }
}
