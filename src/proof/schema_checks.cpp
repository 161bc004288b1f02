// The colander-checked metadata sections (charms.py: validate_storage, validate_devices,
// validate_payloads, validate_resources, validate_deployment and _try_proof_extensions).
#include "proof/lint.hpp"
#include "proof/python_text.hpp"
#include "proof/schema.hpp"

namespace proof {

namespace {

using schema::Node;
using schema::Type;

Node field(std::string name, Type type, bool required, schema::Validator validator = {}) {
  return Node{std::move(name), type, required, std::move(validator), {}};
}

Node item(std::vector<Node> children) { return Node{"", Type::mapping, true, {}, std::move(children)}; }

const Node& storage_item() {
  static const Node node = item({
      field("type", Type::string, true, schema::one_of({"filesystem", "block"})),
      field("description", Type::string, false),
      field("shared", Type::boolean, false),
      field("read-only", Type::boolean, false),
      field("minimum-size", Type::string, false,
            schema::regex(R"(\d+[MGTP]?)", "must be a number followed by an optional M/G/T/P, e.g. 100M")),
      field("location", Type::string, false),
      Node{"multiple", Type::mapping, false, {},
           {field("range", Type::string, true,
                  schema::regex(R"(\d+-?(\d+)?)", "supported formats are: m (a fixed number), m-n (an explicit "
                                                  "range), and m- (a minimum number)"))}},
  });
  return node;
}

const Node& devices_item() {
  static const Node node = item({field("type", Type::string, true), field("count", Type::integer, false)});
  return node;
}

const Node& payload_item() {
  static const Node node = item({field("type", Type::string, true, schema::one_of({"kvm", "docker"}))});
  return node;
}

const Node& resource_item() {
  static const Node node = item({
      field("type", Type::string, true, schema::one_of({"file", "oci-image"})),
      field("filename", Type::string, false),
      field("description", Type::string_or_empty, false),
  });
  return node;
}

const Node& deployment_item() {
  static const Node node = item({
      field("type", Type::string, false, schema::one_of({"stateless", "stateful", "daemon"})),
      field("service", Type::string, true, schema::one_of({"loadbalancer", "cluster", "omit"})),
      field("min-version", Type::string, false),
  });
  return node;
}

// A dict2colander node list from layer.yaml's `proof:` section: [{name, type, missing?,
// subnodes?}]. Types proof does not model accept anything.
std::vector<Node> extension_nodes(const yaml::Value& list) {
  std::vector<Node> nodes;
  if (!list.is_sequence()) return nodes;
  for (const auto& entry : list.items()) {
    if (!entry.is_mapping()) continue;
    Node node;
    const yaml::Value* name = entry.find("name");
    node.name = name ? py_str(*name) : "";
    const yaml::Value* type = entry.find("type");
    std::string type_name = type && type->is_string() ? type->text() : "";
    node.type = type_name == "String"                       ? Type::string_or_empty
                : type_name == "Boolean"                    ? Type::boolean
                : type_name == "Integer" || type_name == "Int" ? Type::integer
                : type_name == "Float"                      ? Type::number
                : type_name == "Mapping"                    ? Type::mapping
                                                            : Type::any;
    node.required = !entry.find("missing");
    if (const yaml::Value* subnodes = entry.find("subnodes")) node.children = extension_nodes(*subnodes);
    nodes.push_back(std::move(node));
  }
  return nodes;
}

// Validates every definition of `section` against `item_schema`, then lets the layer's proof
// extensions accept unknown keys, and reports colander's errors as "SECTION.PATH: MSG".
void validate_items(const Charm& charm, Linter& lint, const std::string& section, const yaml::Value& definitions,
                    const Node& item_schema) {
  schema::Invalid root{"", std::nullopt, {}, false, {}};
  for (const auto& [key, value] : definitions.entries()) {
    Node named = item_schema;
    named.name = py_str(key);
    if (auto error = schema::deserialize(named, &value)) root.children.push_back(*error);
  }
  if (root.children.empty()) return;

  const yaml::Value* extensions = charm.extensions.find(section);
  if (extensions && extensions->truthy()) {
    // Only unknown keys of a definition are checked against the extensions, which then
    // replace that definition's error (its other errors were already lost).
    Node extension{"extensions", Type::mapping, true, {}, extension_nodes(*extensions)};
    schema::Invalid kept{"", std::nullopt, {}, false, {}};
    for (const auto& child : root.children) {
      if (!child.unsupported)
        kept.children.push_back(child);
      else if (auto error = schema::deserialize(extension, &child.fields))
        kept.children.push_back(*error);
    }
    if (kept.children.empty()) return;
    root = kept;
  }
  for (const auto& [path, message] : schema::as_dict(root)) lint.err(section + "." + path + ": " + message);
}

// storage, payloads and resources: a non-empty mapping of definitions.
void validate_definitions(const Charm& charm, Linter& lint, const std::string& section, const std::string& what,
                          const Node& item_schema) {
  const yaml::Value* definitions = charm.metadata.find(section);
  if (!definitions) return;
  if (!definitions->is_mapping() || definitions->size() == 0) {
    lint.err(section + ": must be a dictionary of " + what + " definitions");
    return;
  }
  validate_items(charm, lint, section, *definitions, item_schema);
}

}  // namespace

void validate_storage(const Charm& charm, Linter& lint) {
  validate_definitions(charm, lint, "storage", "storage", storage_item());
}

void validate_payloads(const Charm& charm, Linter& lint) {
  validate_definitions(charm, lint, "payloads", "payload", payload_item());
}

void validate_resources(const Charm& charm, Linter& lint) {
  validate_definitions(charm, lint, "resources", "resource", resource_item());
}

void validate_devices(const Charm& charm, Linter& lint) {
  const yaml::Value* devices = charm.metadata.find("devices");
  if (!devices || (devices->is_mapping() && devices->size() == 0)) return;
  if (!devices->is_mapping()) {
    lint.err("devices: must be a dictionary of device definitions");
    return;
  }
  validate_items(charm, lint, "devices", *devices, devices_item());
}

void validate_deployment(const Charm& charm, Linter& lint) {
  const yaml::Value* deployment = charm.metadata.find("deployment");
  if (!deployment || (deployment->is_mapping() && deployment->size() == 0)) return;
  if (!deployment->is_mapping()) {
    lint.err("deployment: must be a dict of config");
    return;
  }
  // Upstream validates {deployment: VALUE}, so its paths read "deployment.deployment.KEY".
  yaml::Value wrapped = yaml::Value::mapping();
  wrapped.set("deployment", *deployment);
  validate_items(charm, lint, "deployment", wrapped, deployment_item());
}

}  // namespace proof
