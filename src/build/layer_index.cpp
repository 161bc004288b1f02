#include "build/layer_index.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/process.hpp"

namespace build {

namespace {

std::string trim(const std::string& s) {
  size_t start = s.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  return s.substr(start, s.find_last_not_of(" \t\r\n") - start + 1);
}

bool is_http(const std::string& url) { return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0; }

IndexResponse read_http(const std::string& url) {
  // -w appends the status code on its own line; without --fail a 404 is a normal answer.
  util::ProcessOptions options;
  options.timeout = std::chrono::seconds(40);  // curl's own --max-time normally ends it first
  auto result = util::run_process({"curl", "--silent", "--show-error", "--location", "--connect-timeout", "10",
                                   "--max-time", "30", "--write-out", "\n%{http_code}", url},
                                  fs::current_path(), options);
  if (result.exit_code == -1) return {IndexResponse::Status::unreachable, "", "the curl command is not installed"};
  if (result.timed_out) return {IndexResponse::Status::unreachable, "", "no answer within 40 seconds"};
  size_t nl = result.output.rfind('\n');
  if (result.exit_code != 0)  // curl's message, without the "000" status -w still printed
    return {IndexResponse::Status::unreachable, "", trim(nl == std::string::npos ? result.output : result.output.substr(0, nl))};
  std::string code = nl == std::string::npos ? "" : trim(result.output.substr(nl + 1));
  std::string body = nl == std::string::npos ? result.output : result.output.substr(0, nl);
  if (code == "200") return {IndexResponse::Status::found, body, ""};
  if (code == "404" || code == "410") return {IndexResponse::Status::missing, "", ""};
  return {IndexResponse::Status::unreachable, "", "HTTP status " + code};
}

}  // namespace

std::vector<std::string> expand_layer_indexes(const std::vector<std::string>& option) {
  std::vector<std::string> out;
  for (const std::string& value : option) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string index = trim(value.substr(start, comma - start));
      start = comma + 1;
      if (index.empty()) continue;
      if (index == "DEFAULT") index = default_layer_index;
      // charm-tools concatenates strings, so an index without its slash finds nothing; add it.
      if (index.back() != '/') index += '/';
      out.push_back(index);
    }
  }
  if (out.empty()) out.push_back(default_layer_index);
  return out;
}

IndexEntry parse_index_entry(const std::string& json_text, const std::string& entry_url) {
  auto fail = [&](const std::string& what) -> util::BuildError {
    return util::BuildError("Layer index entry " + entry_url + " is not usable: " + what);
  };
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    throw fail(std::string("not valid JSON (") + e.what() + ")");
  }
  if (!json.is_object()) throw fail("expected a JSON object such as {\"repo\": \"https://...\"}, found " +
                                    std::string(json.type_name()));
  IndexEntry entry;
  entry.entry_url = entry_url;
  if (!json.contains("repo") || !json["repo"].is_string() || trim(json["repo"].get<std::string>()).empty())
    throw fail("it has no \"repo\" string naming a git repository");
  entry.repo = trim(json["repo"].get<std::string>());
  if (json.contains("subdir") && !json["subdir"].is_null()) {
    if (!json["subdir"].is_string()) throw fail("\"subdir\" must be a string");
    fs::path subdir = fs::path(json["subdir"].get<std::string>()).lexically_normal();
    if (subdir.is_absolute() || *subdir.begin() == "..")
      throw fail("\"subdir\" must be a path inside the repository, found " + json["subdir"].dump());
    entry.subdir = subdir == "." ? "" : subdir.string();
  }
  return entry;
}

IndexResponse read_index_document(const std::string& url) {
  if (is_http(url)) return read_http(url);
  if (url.find("://") != std::string::npos && url.rfind("file://", 0) != 0)
    return {IndexResponse::Status::unreachable, "", "only file://, http:// and https:// indexes are supported"};
  fs::path file = url.rfind("file://", 0) == 0 ? fs::path(url.substr(7)) : fs::path(url);
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    // <index>/layers/NAME.json: a missing index directory is a mistake, not an empty index.
    fs::path root = file.parent_path().parent_path();
    if (!fs::is_directory(root.empty() ? fs::path(".") : root, ec))
      return {IndexResponse::Status::unreachable, "", "no such directory " + root.string()};
    return {IndexResponse::Status::missing, "", ""};
  }
  try {
    return {IndexResponse::Status::found, util::read_file(file), ""};
  } catch (const util::BuildError& e) {
    return {IndexResponse::Status::unreachable, "", e.what()};
  }
}

LayerIndex::Result LayerIndex::lookup(LayerKind kind, const std::string& name) {
  bool iface = kind == LayerKind::interface;
  const std::string prefix = iface ? "juju-relation-" : "juju-layer-";
  std::vector<std::string> choices{name};
  if (name.rfind(prefix, 0) == 0) choices.push_back(name.substr(prefix.size()));
  Result result;
  for (const auto& choice : choices) {
    for (const auto& index : m_indexes) {
      auto dead = std::find_if(m_dead.begin(), m_dead.end(), [&](const auto& d) { return d.first == index; });
      if (dead != m_dead.end()) {
        std::string line = index + ": " + dead->second;
        if (std::find(result.unreachable.begin(), result.unreachable.end(), line) == result.unreachable.end())
          result.unreachable.push_back(line);
        continue;
      }
      std::string url = index + (iface ? "interfaces/" : "layers/") + choice + ".json";
      result.tried.push_back(url);
      IndexResponse response = m_reader(url);
      if (response.status == IndexResponse::Status::unreachable) {
        m_dead.emplace_back(index, response.reason);
        result.unreachable.push_back(index + ": " + response.reason);
        continue;
      }
      if (response.status == IndexResponse::Status::missing) continue;
      result.entry = parse_index_entry(response.body, url);
      return result;
    }
  }
  return result;
}

}  // namespace build
