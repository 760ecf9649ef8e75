namespace CdsLearn.Voices;

/// <summary>
/// The one place that hears when what learners may hear changes: a reading approved or rejected, read again (it waits
/// for review), deleted by its reader, deleted with a withdrawn consent, or marked "cần đọc lại" after a text change.
/// Every writer of <see cref="VoiceRecording.Status"/> or of the recordings themselves calls <see cref="Announce"/>
/// after saving; the cache of "which lessons have approved voices" (<see cref="VoiceAvailability"/>) listens to
/// <see cref="ItemsChanged"/>. In-process only: another server learns it from its own cache's expiry.
/// </summary>
public sealed class VoicePublications
{
    /// <summary>Raised with the ids of the lessons and tasks whose published readings may have changed.</summary>
    public event Action<IReadOnlyCollection<string>>? ItemsChanged;

    public void Announce(IEnumerable<string> itemIds)
    {
        var items = itemIds.Distinct(StringComparer.Ordinal).ToList();
        if (items.Count == 0)
        {
            return;
        }
        ItemsChanged?.Invoke(items);
    }
}
