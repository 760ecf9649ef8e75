using CdsLearn.Households;

namespace CdsLearn.Cli;

/// <summary>The peoples whose names the demo uses; a village is mostly of one of them.</summary>
public enum NameGroup
{
    Thai,
    Mong,
    Kinh,
}

/// <summary>
/// Names of the kind met in Sơn La (Thái, Mông and Kinh families) and village names, for the demo data only.
/// Every choice comes from the caller's <see cref="Random"/>, so a seed gives the same names every run.
/// </summary>
public sealed class DemoNames(Random random)
{
    private static readonly string[] ThaiFamilies = ["Lò", "Cầm", "Quàng", "Lường", "Điêu", "Hà", "Vì", "Tòng", "Cà", "Bạc", "Lù", "Hoàng", "Sa", "Mè"];
    private static readonly string[] MongFamilies = ["Giàng", "Mùa", "Sồng", "Vàng", "Thào", "Lầu", "Sùng", "Hờ", "Lý", "Tráng"];
    private static readonly string[] KinhFamilies = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đỗ", "Vũ", "Bùi", "Đặng", "Ngô", "Đinh", "Phan"];

    private static readonly string[] ThaiMen = ["Thắng", "Pấng", "Minh", "Nam", "Sơn", "Xôm", "Piếng", "Ơn", "Phóng", "Hùng", "Khánh", "Dũng", "Tiến", "Ban", "Hom", "Inh", "Pọm", "Hặc", "Chăm", "Tuấn", "Hưng", "Quyết", "Chiến", "Thanh", "Long", "Hải", "Cường", "Bun", "Lả", "Ngoan"];
    private static readonly string[] ThaiWomen = ["Hoa", "Xuân", "Lan", "Hương", "Mai", "Thu", "Pặn", "Ỏn", "Xiêng", "Ín", "Ón", "Mỉn", "Bình", "Duyên", "Nga", "Thảo", "Yến", "Phương", "Dung", "Hiên", "Ngọc", "Thoa", "Ánh", "Bích", "Chiêng", "Lún", "Ương"];
    private static readonly string[] MongMen = ["Páo", "Chứ", "Dế", "Sếnh", "Lử", "Tủa", "Chớ", "Tráng", "Sử", "Của", "Pó", "Sùng", "Nủ", "Chống", "Dình", "Lầu", "Tếnh", "Xà", "Khua", "Chá"];
    private static readonly string[] MongWomen = ["Mỷ", "Dở", "Sua", "Máy", "Ly", "Dợ", "Pà", "Chu", "Sáy", "Mai", "Dua", "Nhìa", "Xí", "Phừ", "Cở", "Chía"];
    private static readonly string[] KinhMen = ["Minh", "Hùng", "Dũng", "Tuấn", "Nam", "Sơn", "Hải", "Long", "Quang", "Thắng", "Đức", "Trung", "Hiếu", "Hoàng", "Phong", "Khôi", "An", "Bình", "Cường", "Đạt", "Huy", "Kiên", "Lâm", "Phúc", "Quân", "Tài", "Việt", "Vinh"];
    private static readonly string[] KinhWomen = ["Hoa", "Lan", "Hương", "Mai", "Thu", "Trang", "Linh", "Ngọc", "Hà", "Hạnh", "Hằng", "Nga", "Yến", "Phương", "Thảo", "Vân", "Anh", "Chi", "Giang", "Huyền", "Loan", "My", "Nhung", "Oanh", "Quỳnh", "Tâm", "Thủy", "Vy"];
    private static readonly string[] KinhMiddleMen = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh"];
    private static readonly string[] KinhMiddleWomen = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim"];

    // Syllables of Thái place names: "Nà" (rice field) + "Sản" = Bản Nà Sản.
    private static readonly string[] PlaceFirst = ["Nà", "Huổi", "Pá", "Phiêng", "Co", "Hua", "Nậm", "Púng", "Bó", "Tà", "Pom", "Nong", "Mường", "Chiềng", "Hát", "Kéo", "Lọng", "Sai", "Pắc", "Cang", "Noong", "Ta", "Hin", "Ít"];
    private static readonly string[] PlaceSecond = ["Sản", "Si", "Hịa", "Lẹ", "Cang", "Mòn", "Lanh", "Hin", "Pu", "Ban", "Khoang", "Cọ", "Phát", "Ten", "Lầu", "Xa", "Mạ", "Ngùa", "Hốc", "Sàng", "Đông", "Tở", "Lả", "Muông", "Bon", "Cướm", "Nghịu", "Pát", "Lót", "Tôm", "Hay", "Mé", "Bông", "Liềng", "Xôm", "Chạy", "Ún", "Mưa", "Khà", "Púng"];

    /// <summary>The people a village mostly belongs to: wards are mostly Kinh, rural communes mostly Thái and Mông.</summary>
    public NameGroup VillageGroup(bool ward) => (ward, random.NextDouble()) switch
    {
        (true, < 0.55) => NameGroup.Kinh,
        (true, < 0.92) => NameGroup.Thai,
        (true, _) => NameGroup.Mong,
        (false, < 0.58) => NameGroup.Thai,
        (false, < 0.85) => NameGroup.Mong,
        _ => NameGroup.Kinh,
    };

    /// <summary>A household's people: the village's own most of the time, any other now and then.</summary>
    public NameGroup HouseholdGroup(NameGroup village) =>
        random.NextDouble() < 0.85 ? village : (NameGroup)random.Next(3);

    public string Family(NameGroup group) => Pick(group switch
    {
        NameGroup.Thai => ThaiFamilies,
        NameGroup.Mong => MongFamilies,
        _ => KinhFamilies,
    });

    /// <summary>"Lò Văn Thắng", "Giàng A Páo", "Nguyễn Thị Hoa".</summary>
    public string Person(string family, NameGroup group, bool male)
    {
        var middle = (group, male) switch
        {
            (NameGroup.Thai, true) => "Văn",
            (NameGroup.Thai, false) => "Thị",
            (NameGroup.Mong, true) => random.NextDouble() < 0.7 ? "A" : "Văn",
            (NameGroup.Mong, false) => "Thị",
            (_, true) => Pick(KinhMiddleMen),
            _ => Pick(KinhMiddleWomen),
        };
        var given = (group, male) switch
        {
            (NameGroup.Thai, true) => Pick(ThaiMen),
            (NameGroup.Thai, false) => Pick(ThaiWomen),
            (NameGroup.Mong, true) => Pick(MongMen),
            (NameGroup.Mong, false) => Pick(MongWomen),
            (_, true) => Pick(KinhMen),
            _ => Pick(KinhWomen),
        };
        return $"{family} {middle} {given}";
    }

    /// <summary>
    /// Village names of one commune, all different: "Tổ dân phố 5" and some bản in a ward; bản in a rural commune,
    /// with now and then a few "Tiểu khu" around the former township.
    /// </summary>
    public IReadOnlyList<(string Name, string Kind)> Villages(bool ward, int count)
    {
        var names = new List<(string, string)>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var streets = ward ? (int)Math.Round(count * (0.6 + 0.3 * random.NextDouble()))
            : random.NextDouble() < 0.3 ? random.Next(2, 7) : 0;
        for (var i = 1; i <= streets; i++)
        {
            names.Add(ward ? ($"Tổ dân phố {i}", "tổ dân phố") : ($"Tiểu khu {i}", "tiểu khu"));
        }
        while (names.Count < count)
        {
            var name = $"Bản {Pick(PlaceFirst)} {Pick(PlaceSecond)}";
            if (used.Add(name))
            {
                names.Add((name, "bản"));
            }
        }
        return names;
    }

    /// <summary>The letters that start a village's household codes: "Bản Nà Sản" → "NS", "Tổ dân phố 5" → "TDP5".</summary>
    public static string CodePrefix(string villageName, string kind)
    {
        var words = SearchText.Fold(villageName).ToUpperInvariant().Split(' ');
        var own = kind == "bản" ? words.Skip(1) : words;
        return string.Concat(own.Select(w => char.IsDigit(w[0]) ? w : w[..1]));
    }

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
