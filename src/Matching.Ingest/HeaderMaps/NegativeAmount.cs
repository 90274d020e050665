namespace Matching.Ingest.HeaderMaps;

/// <summary>What a negative amount in an amount field is (its <c>"negative"</c> setting).</summary>
public enum NegativeAmount
{
    /// <summary>Not an amount this field takes: the row is rejected (<c>"refuse"</c>, the default).</summary>
    Refuse,

    /// <summary>A refund (退费/冲销) that counts, lowering the sum (<c>"refund"</c>).</summary>
    Refund,
}
