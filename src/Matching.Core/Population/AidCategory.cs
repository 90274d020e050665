namespace Matching.Core.Population;

/// <summary>The low-income categories (低收入人口类别) a member is recognised under; a person may carry several.</summary>
[Flags]
public enum AidCategory : byte
{
    None = 0,

    /// <summary>最低生活保障对象 (低保): household per-capita income below the local minimum living standard.</summary>
    Dibao = 1,

    /// <summary>特困人员: no work capacity, no income, no one obliged to support them.</summary>
    Tekun = 2,

    /// <summary>防止返贫监测对象: at risk of falling back into poverty.</summary>
    Fanpin = 4,

    /// <summary>低保边缘家庭成员: not dibao, income below twice the dibao standard.</summary>
    Bianyuan = 8,

    /// <summary>刚性支出困难家庭成员: medical and education spending at least half the household income.</summary>
    Gangxing = 16,

    /// <summary>其他困难人员.</summary>
    Other = 32,
}
