using System.Globalization;
using System.Net;
using System.Text;
using LandInventory.GisApi.Words;

namespace LandInventory.GisApi.Sites;

/// <summary>
/// A site's own page, written by the server: readable without JavaScript and by chat apps' link previews (title,
/// description and image meta tags, Open Graph), zh or en, every figure with its unit, the nearest places, the bureau
/// and whom to call, a QR code of the page, the map of its surroundings, the brochure, and the inquiry form.
/// </summary>
public static class SitePage
{
    public static string Html(SiteSheet site, SiteLinks links, string lang, string formToken, string? requirements, string? inquiry)
    {
        var other = lang == "zh" ? "en" : "zh";
        string W(string zh, string en) => lang == "zh" ? zh : en;
        string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var fields = SiteFields.Of(site.Layer);
        var headline = site.Headline(lang);
        var title = $"{site.Name(lang)} · {W("成都经开区", "Chengdu ETDZ")}";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="{(lang == "zh" ? "zh-CN" : "en")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title>
            <link rel="icon" href="data:,">
            <meta name="description" content="{E(headline)}">
            <link rel="canonical" href="{E(links.Page(lang))}">
            <link rel="alternate" hreflang="zh" href="{E(links.Page("zh"))}">
            <link rel="alternate" hreflang="en" href="{E(links.Page("en"))}">
            <meta property="og:type" content="website">
            <meta property="og:title" content="{E(title)}">
            <meta property="og:description" content="{E(headline)}">
            <meta property="og:url" content="{E(links.Page(lang))}">
            <meta property="og:image" content="{E(links.Image(lang))}">
            <meta property="og:image:width" content="{SiteMap.PreviewWidth}">
            <meta property="og:image:height" content="{SiteMap.PreviewHeight}">
            <meta property="og:locale" content="{(lang == "zh" ? "zh_CN" : "en_US")}">
            <meta name="twitter:card" content="summary_large_image">
            <style>{Style}</style>
            </head>
            <body>
            <header><a class="lang" href="{E(links.Page(other))}" hreflang="{other}">{(lang == "zh" ? "English" : "中文")}</a>
            <h1>{E(site.Name(lang))}</h1><p class="other">{E(site.Name(other))}</p><p class="headline">{E(headline)}</p></header>
            <main>
            <img class="map" src="{E(links.Image(lang))}" width="{SiteMap.PreviewWidth}" height="{SiteMap.PreviewHeight}" alt="{E(W($"{site.Name(lang)}及周边地图", $"Map of {site.Name(lang)} and its surroundings"))}">
            <section><h2>{W("基本情况", "Figures")}</h2><table>
            """);
        foreach (var field in fields)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-field=\"{field.Key}\"><th scope=\"row\">{E(field.Label.In(lang))}</th><td>{E(site.Write(field, lang))}</td></tr>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table></section>\n<section><h2>{W("最近的设施", "Nearest places")}</h2><ul class=\"near\">\n");
        foreach (var place in site.Near)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li data-kind=\"{place.Kind}\" data-place=\"{E(place.Id)}\"><span class=\"kind\">{E(ValueWords.Of(place.Kind).In(lang))}</span> {E(lang == "zh" ? place.NameZh : place.NameEn)} · {E(Distance(place.DistanceM, lang))}</li>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </ul></section>
            <section class="contact"><h2>{W("联系", "Contact")}</h2>
            <p><strong>{E(lang == "zh" ? site.Bureau.NameZh : site.Bureau.NameEn)}</strong></p>
            <p>{E(site.Text("contactName"))} {E(site.Text("contactPhone"))}</p>
            <p class="asof">{E(W($"数据截至 {AsOf(site)}，核实日期 {site.Text("verifiedOn") ?? "—"}", $"Figures as of {AsOf(site)}, verified on {site.Text("verifiedOn") ?? "—"}"))}</p>
            <p class="links"><a href="{E(links.Brochure(lang))}">{W("下载简介（PDF）", "Brochure (PDF)")}</a> · <a href="{E(links.Map)}">{W("在地图中查看", "On the map")}</a> · <a href="{E(links.GeoJson)}">GeoJSON</a></p>
            <figure class="qr">{SiteCode.Svg(links.Page(lang))}<figcaption>{W("扫码打开本页", "Scan to open this page")}</figcaption></figure>
            </section>
            <section id="ask"><h2>{W("咨询此地块/载体", "Ask about this site")}</h2>
            """);
        if (inquiry is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"sent\" role=\"status\">{E(W($"已收到您的咨询，编号 {inquiry}，已转交{site.Bureau.NameZh}。", $"Your inquiry {inquiry} has reached the {site.Bureau.NameEn}."))}</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="{E(links.Inquiries)}">
            <input type="hidden" name="formToken" value="{E(formToken)}"><input type="hidden" name="lang" value="{lang}">
            <div class="trap" aria-hidden="true"><label>Website <input name="website" tabindex="-1" autocomplete="off"></label></div>
            <label>{W("姓名", "Name")} <input name="name" required maxlength="100" autocomplete="name"></label>
            <label>{W("公司", "Company")} <input name="company" maxlength="200" autocomplete="organization"></label>
            <label>{W("电子邮箱或电话", "E-mail or telephone")} <input name="contact" required maxlength="200" autocomplete="email"></label>
            <label>{W("留言", "Message")} <textarea name="message" required maxlength="4000" rows="4"></textarea></label>
            <label>{W("项目需求", "Requirements")} <input name="requirements" maxlength="2000" value="{E(requirements)}"></label>
            <button type="submit">{W("发送", "Send")}</button>
            <p class="privacy">{W("您的联系方式仅转交负责此地块/载体的单位，不会公开。", "Your contact details go to the bureau responsible for this site only and are never published.")}</p>
            </form></section>
            </main>
            </body>
            </html>
            """);
        return html.ToString();
    }

    public static string Distance(double metres, string lang) => metres < 1000
        ? $"{Math.Round(metres).ToString(CultureInfo.InvariantCulture)} m"
        : $"{(metres / 1000).ToString("0.#", CultureInfo.InvariantCulture)} km";

    /// <summary>The record's last change, as a date.</summary>
    public static string AsOf(SiteSheet site) => site.Text("updatedAt") is { } at && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, out var t)
        ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    private const string Style = """
        body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;color:#1f2a33;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.45}
        header h1{margin:.2rem 0;font-size:1.5rem}.other,.headline,.asof,.privacy{color:#5c6b77}.lang{float:right}
        img.map{width:100%;height:auto;border:1px solid #d8dde2;border-radius:6px}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid #eef0f2;vertical-align:top}
        th{color:#5c6b77;font-weight:500;width:40%}.near{padding-left:1.2rem}.kind{color:#5c6b77}
        .qr svg{width:9rem;height:9rem}.qr figcaption{font-size:.8rem;color:#5c6b77}
        form label{display:block;margin:.4rem 0}form input,form textarea{display:block;width:100%;font:inherit;padding:.3rem;box-sizing:border-box}
        form button{font:inherit;padding:.45rem 1rem;background:#1d4ed8;color:#fff;border:0;border-radius:4px}
        .trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.sent{background:#e8f5ec;padding:.5rem;border-radius:4px}
        """;
}

/// <summary>The addresses a site's page links to, absolute (link previews and QR codes leave the site).</summary>
public sealed record SiteLinks(string Base, string Layer, string Code)
{
    private string Site => $"{Base}/sites/{Layer}/{Uri.EscapeDataString(Code)}";

    public string Page(string lang) => $"{Site}?lang={lang}";

    public string Image(string lang) => $"{Site}.png?lang={lang}";

    public string Brochure(string lang) => $"{Site}.pdf?lang={lang}";

    public string Inquiries => $"{Site}/inquiries";

    public string GeoJson => $"{Base}/ogc/collections/{Layer}/items/{Uri.EscapeDataString(Code)}";

    public string Map => $"{Base}/#layer={Layer}&selected={Uri.EscapeDataString(Code)}";
}
