// provides, requires and peers (charms.py: CharmLinter.check_relation_hooks and the
// subordinate checks of Charm.proof).
#include "proof/lint.hpp"
#include "proof/python_text.hpp"

namespace proof {

namespace {

bool is_one_of(const yaml::Value& value, std::initializer_list<std::string_view> choices) {
  if (!value.is_string()) return false;
  for (auto choice : choices)
    if (value.text() == choice) return true;
  return false;
}

// Upstream's "templates" are plain strings, not tuples, so `x in ('relation-name')` is a
// substring test: an interface called "name" or a relation called "relation" trips it.
bool is_substring_of(std::string_view whole, const std::string& part) { return whole.find(part) != std::string_view::npos; }

void check_relation_fields(const std::string& name, const yaml::Value& relation, Linter& lint) {
  if (const yaml::Value* scope = relation.find("scope"); scope && !is_one_of(*scope, {"global", "container"}))
    lint.err("Unknown scope found in relation " + name + " - (" + py_str(*scope) + ")");
  if (const yaml::Value* interface = relation.find("interface")) {
    if (!interface->is_string())
      throw Abort("relation " + name + ": interface must be a string, not " + py_type_name(*interface));
    if (is_substring_of("interface-name", interface->text()))
      lint.err("template interface names should be changed: " + interface->text());
  } else {
    lint.err("relation missing interface");
  }
  for (const auto& [key, value] : relation.entries())
    if (!is_one_of(key, {"interface", "scope", "limit", "optional"}))
      lint.err("Unknown relation field in relation " + name + " - (" + py_str(key) + ")");
}

void check_relation_hooks(const std::string& section, const yaml::Value& relations, const Charm& charm,
                          Linter& lint) {
  if (!relations.is_mapping())
    throw Abort(section + " must be a mapping of relations, not " + py_type_name(relations));
  std::string hooks_dir = charm.path("hooks");
  for (const auto& [key, relation] : relations.entries()) {
    if (!key.is_string()) throw Abort(section + ": relation name " + py_str(key) + " must be a string");
    const std::string& name = key.text();
    if (name.rfind("juju-", 0) == 0) lint.info("juju-* is a reserved relation name");
    if (!relation.is_mapping())
      lint.err("relation " + name + " is not a map");
    else
      check_relation_fields(name, relation, lint);
    if (is_substring_of("relation-name", name)) lint.err("template relations should be renamed to fit charm: " + name);

    // Stops at the first hook found, so later hooks are not looked at.
    bool has_one = false;
    for (const char* event : {"-relation-changed", "-relation-departed", "-relation-joined", "-relation-broken"}) {
      has_one = check_hook(name + event, hooks_dir, Recommended::no, lint);
      if (has_one) break;
    }
    if (!has_one && !charm.subordinate) lint.info("relation " + name + " has no hooks");
  }
}

// A subordinate needs a `requires` relation with `scope: container`.
bool has_container_scope(const yaml::Value& required_relations) {
  if (!required_relations.is_mapping())
    throw Abort("requires must be a mapping of relations, not " + py_type_name(required_relations));
  for (const auto& [key, relation] : required_relations.entries()) {
    // `'scope' in relation`, then `relation['scope']`: only a mapping survives both.
    bool mentions_scope = false;
    if (relation.is_mapping()) {
      const yaml::Value* scope = relation.find("scope");
      if (scope && scope->is_string() && scope->text() == "container") return true;
      continue;
    }
    if (relation.is_string()) {
      mentions_scope = relation.text().find("scope") != std::string::npos;
    } else if (relation.is_sequence()) {
      for (const auto& item : relation.items()) mentions_scope = mentions_scope || (item.is_string() && item.text() == "scope");
    } else {
      throw Abort("requires." + py_str(key) + " must be a mapping, not " + py_type_name(relation));
    }
    if (mentions_scope) throw Abort("requires." + py_str(key) + " must be a mapping, not " + py_type_name(relation));
  }
  return false;
}

}  // namespace

void check_relations(const Charm& charm, Linter& lint) {
  const yaml::Value& metadata = charm.metadata;
  const yaml::Value* subordinate = metadata.find("subordinate");
  if (subordinate && subordinate->kind() != yaml::Value::Kind::boolean) lint.err("subordinate must be a boolean value");

  const yaml::Value* provides = metadata.find("provides");
  if (provides && !provides->is_null())
    check_relation_hooks("provides", *provides, charm, lint);
  else if (!charm.subordinate)
    lint.info("all charms should provide at least one thing");

  const yaml::Value* required_relations = metadata.find("requires");
  bool has_requires = required_relations && !required_relations->is_null();
  if (charm.subordinate) {
    if (!has_requires || !has_container_scope(*required_relations))
      lint.err("subordinates must have at least one scope: container relation");
  } else if (has_requires) {
    check_relation_hooks("requires", *required_relations, charm, lint);
  }

  const yaml::Value* peers = metadata.find("peers");
  if (peers && !peers->is_null()) check_relation_hooks("peers", *peers, charm, lint);
}

}  // namespace proof
