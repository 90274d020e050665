namespace Matching.Core.Departments;

/// <summary>Amounts in yuan held exactly as whole fen (分): what storage and the rules add up.</summary>
public static class Fen
{
    /// <summary>Yuan as fen, rounded half away from zero to the fen (金额 are written to the fen; a third decimal is noise).</summary>
    public static long FromYuan(decimal yuan) => (long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero);

    /// <summary>Fen as yuan.</summary>
    public static decimal ToYuan(long fen) => fen / 100m;
}
