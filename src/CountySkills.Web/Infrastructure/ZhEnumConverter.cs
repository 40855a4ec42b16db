using System.Text.Json;
using System.Text.Json.Serialization;

namespace CountySkills.Web.Infrastructure;

/// <summary>Enums that carry Chinese words (<see cref="ZhAttribute"/>) are written by name and read from their name,
/// their number or any of their Chinese words, so an API caller may send "Junior", 5 or "初级工".</summary>
public sealed class ZhEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type t) => t.IsEnum && Zh.HasWords(t);

    public override JsonConverter CreateConverter(Type t, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ZhEnumConverter<>).MakeGenericType(t))!;

    sealed class ZhEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) && Zh.IsValid<T>(n, out var byNumber)) return byNumber;
            if (reader.TokenType == JsonTokenType.String && Zh.TryParse<T>(reader.GetString(), out var v)) return v;
            throw new JsonException($"“{(reader.TokenType == JsonTokenType.String ? reader.GetString() : reader.TokenType.ToString())}”不是有效的取值，可选：" +
                string.Join("、", Enum.GetValues<T>().Select(x => $"{x}（{Zh.Of(x)}）")));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
