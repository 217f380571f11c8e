using System.Globalization;

namespace LandInventory.GisApi.Ogc.Cql2;

/// <summary>The parser's reading of words, symbols and literals, straight from the text (no token list to hold).</summary>
public sealed partial class Cql2Parser
{
    private string Text()
    {
        SkipSpace();
        if (_position >= _text.Length || _text[_position] != '\'')
        {
            throw Error("expected 'text'");
        }

        var builder = new System.Text.StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("a 'text' literal is not closed");
            }

            if (_text[_position] == '\'')
            {
                if (_position + 1 < _text.Length && _text[_position + 1] == '\'')
                {
                    builder.Append('\'');
                    _position += 2;
                    continue;
                }

                _position++;
                return builder.ToString();
            }

            builder.Append(_text[_position++]);
        }
    }

    private double Number()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '-' or '+' or '.' or 'e' or 'E'))
        {
            _position++;
        }

        return double.TryParse(_text[start.._position], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? n
            : throw Error($"expected a number, found '{_text[start.._position]}'");
    }

    private string Identifier()
    {
        SkipSpace();
        if (_position < _text.Length && _text[_position] == '"')
        {
            var end = _text.IndexOf('"', _position + 1);
            if (end < 0)
            {
                throw Error("a \"quoted\" name is not closed");
            }

            var quoted = _text[(_position + 1)..end];
            _position = end + 1;
            return quoted;
        }

        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        return _position > start ? _text[start.._position] : throw Error("expected a name");
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpace();
        var end = _position + keyword.Length;
        if (end <= _text.Length && string.Compare(_text, _position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (end == _text.Length || !(char.IsLetterOrDigit(_text[end]) || _text[end] == '_')))
        {
            _position = end;
            return true;
        }

        return false;
    }

    private bool TrySymbol(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) == 0)
        {
            _position += symbol.Length;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw Error($"expected '{symbol}'");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
