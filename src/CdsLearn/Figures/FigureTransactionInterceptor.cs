using System.Data.Common;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CdsLearn.Figures;

/// <summary>Tells figure listeners about changes only once the transaction that made them has committed, so a
/// dashboard that reloads on the news reads the new numbers, and a rolled-back change is never announced.</summary>
internal sealed class FigureTransactionInterceptor : DbTransactionInterceptor
{
    public static readonly FigureTransactionInterceptor Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.Figures.Committed();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.Figures.RolledBack();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }
}
