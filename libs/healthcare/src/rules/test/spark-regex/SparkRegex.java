import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates regular expressions with java.util.regex the way Spark's string functions call it
 * (org.apache.spark.sql.catalyst.expressions.regexpExpressions): RLike / regexp_like is
 * matcher(value).find(0); RegExpExtract is the group of the first find(), "" when nothing matches
 * or the group did not take part; RegExpReplace appends the replacement for every find();
 * RegExpExtractAll takes the group of every find().
 *
 * One request per line on stdin, tab-separated, every text Base64 (UTF-8):
 *   like    <regex> <value>
 *   extract <regex> <value> <group>
 *   replace <regex> <value> <replacement>
 *   extract_all <regex> <value> <group>
 * One Base64 answer per line on stdout ("true"/"false" for like; for extract_all the groups of
 * every find(), each Base64 again, joined by commas).
 */
public final class SparkRegex {
  private static final Base64.Decoder DECODER = Base64.getDecoder();
  private static final Base64.Encoder ENCODER = Base64.getEncoder();

  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    Map<String, Pattern> compiled = new HashMap<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] fields = line.split("\t", -1);
      Pattern pattern = compiled.computeIfAbsent(text(fields[1]), Pattern::compile);
      Matcher matcher = pattern.matcher(text(fields[2]));
      String answer;
      switch (fields[0]) {
        case "like":
          answer = String.valueOf(matcher.find(0));
          break;
        case "extract":
          answer = matcher.find() ? orEmpty(matcher.group(Integer.parseInt(fields[3]))) : "";
          break;
        case "replace":
          StringBuffer replaced = new StringBuffer();
          String replacement = text(fields[3]);
          while (matcher.find()) matcher.appendReplacement(replaced, replacement);
          matcher.appendTail(replaced);
          answer = replaced.toString();
          break;
        case "extract_all":
          StringBuilder groups = new StringBuilder();
          while (matcher.find()) {
            if (groups.length() > 0) groups.append(',');
            groups.append(ENCODER.encodeToString(orEmpty(matcher.group(Integer.parseInt(fields[3]))).getBytes(StandardCharsets.UTF_8)));
          }
          answer = groups.toString();
          break;
        default:
          throw new IllegalArgumentException("unknown request " + fields[0]);
      }
      out.println(ENCODER.encodeToString(answer.getBytes(StandardCharsets.UTF_8)));
    }
    out.flush();
  }

  private static String text(String base64) {
    return new String(DECODER.decode(base64), StandardCharsets.UTF_8);
  }

  private static String orEmpty(String group) {
    return group == null ? "" : group;
  }
}
