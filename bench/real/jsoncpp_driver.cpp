/*
 * jsoncpp_driver: the bench's C++ program over JsonCpp, built from
 * Debian's libjsoncpp source package (its lib_json sources compiled in).
 *
 *   jsoncpp_driver [records]     (default 200000)
 *
 * Writes a JSON document of `records` records (objects of strings,
 * numbers, nested arrays and objects, made from a fixed seed) with JsonCpp's
 * own writer, parses it back into a Json::Value tree, walks the tree, edits
 * it, writes it again and parses that: every value a heap object of
 * JsonCpp's, every member name and string a std::string, every object a
 * std::map.  Prints a checksum of what the walks saw.
 */
#include <json/json.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

static uint64_t seed = 88172645463325252ull;

static uint64_t next_random() {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return seed;
}

static std::string word(uint64_t r) {
  static const char letters[] = "etaoinshrdlucmfwypvbgkjqxz";
  std::string w;
  for (unsigned i = 0, n = 4 + r % 20; i < n; i++, r >>= 3)
    w += letters[r % 26];
  return w;
}

static Json::Value make_record(unsigned i) {
  uint64_t r = next_random();
  Json::Value record(Json::objectValue);
  record["id"] = i;
  record["name"] = word(r);
  record["score"] = static_cast<double>(r % 100000) / 7.0;
  record["active"] = (r >> 20) % 2 == 0;
  Json::Value &tags = record["tags"] = Json::Value(Json::arrayValue);
  for (unsigned t = 0, n = 1 + (r >> 24) % 5; t < n; t++)
    tags.append(word(next_random()));
  Json::Value &address = record["address"];
  address["street"] = word(next_random()) + " street";
  address["city"] = word(next_random());
  address["zip"] = static_cast<unsigned>((r >> 32) % 100000);
  return record;
}

/* A checksum of every value in the tree, members in their (sorted) order. */
static uint64_t walk(const Json::Value &v) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](uint64_t x) { h = (h ^ x) * 1099511628211ull; };
  switch (v.type()) {
  case Json::nullValue: mix(1); break;
  case Json::intValue: mix(static_cast<uint64_t>(v.asInt64())); break;
  case Json::uintValue: mix(v.asUInt64()); break;
  case Json::realValue: mix(static_cast<uint64_t>(v.asDouble() * 1000)); break;
  case Json::booleanValue: mix(v.asBool() ? 3 : 5); break;
  case Json::stringValue:
    for (char c : v.asString())
      mix(static_cast<unsigned char>(c));
    break;
  case Json::arrayValue:
    for (const Json::Value &item : v)
      mix(walk(item));
    break;
  case Json::objectValue:
    for (const std::string &name : v.getMemberNames()) {
      mix(name.size());
      mix(walk(v[name]));
    }
    break;
  }
  return h;
}

static Json::Value parse(const std::string &text) {
  Json::CharReaderBuilder builder;
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  Json::Value root;
  std::string errors;
  if (!reader->parse(text.data(), text.data() + text.size(), &root, &errors)) {
    std::fprintf(stderr, "jsoncpp_driver: %s\n", errors.c_str());
    std::exit(1);
  }
  return root;
}

int main(int argc, char **argv) {
  unsigned records = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200000;
  Json::StreamWriterBuilder writer;
  writer["indentation"] = "";
  std::string text;
  {
    Json::Value document(Json::arrayValue);
    for (unsigned i = 0; i < records; i++)
      document.append(make_record(i));
    text = Json::writeString(writer, document);
  }
  Json::Value parsed = parse(text);
  uint64_t checksum = walk(parsed);
  for (Json::Value &record : parsed) {
    record["tags"].append(record["name"].asString() + "-seen");
    record.removeMember("active");
  }
  writer["indentation"] = "  ";
  Json::Value reparsed = parse(Json::writeString(writer, parsed));
  checksum = checksum * 31 + walk(reparsed);
  std::printf("jsoncpp checksum %llu records %u bytes %zu\n",
              static_cast<unsigned long long>(checksum), records, text.size());
  return 0;
}
