// Flags over the kv store: storage format, change recording, the removed marker and triggers.
#include <catch2/catch.hpp>

#include "charm/flags.hpp"
#include "charm/kv.hpp"

using charm::Flags;
using charm::KeyValueStore;
using charm::Trigger;

namespace {

struct FlagsFixture {
  KeyValueStore kv{":memory:"};
  Flags flags{kv};
};

}  // namespace

TEST_CASE_METHOD(FlagsFixture, "flags: stored as reactive.states.<flag> with a null value", "[flags]") {
  flags.set("b.flag");
  flags.set("a.flag");
  CHECK(kv.get("reactive.states.b.flag") == nlohmann::json(nullptr));
  CHECK(flags.is_set("a.flag"));
  CHECK_FALSE(flags.is_set("c.flag"));
  CHECK(flags.list() == std::vector<std::string>{"a.flag", "b.flag"});
  flags.clear("a.flag");
  CHECK_FALSE(kv.get("reactive.states.a.flag"));
  CHECK(flags.list() == std::vector<std::string>{"b.flag"});
  flags.toggle("c", true);
  flags.toggle("b.flag", false);
  CHECK(flags.list() == std::vector<std::string>{"c"});
}

TEST_CASE_METHOD(FlagsFixture, "flags: all_set and any_set of nothing are true and false", "[flags]") {
  flags.set("a");
  CHECK(flags.all_set({}));
  CHECK_FALSE(flags.any_set({}));
  CHECK(flags.all_set({"a"}));
  CHECK_FALSE(flags.all_set({"a", "b"}));
  CHECK(flags.any_set({"b", "a"}));
}

TEST_CASE_METHOD(FlagsFixture, "flags: only real transitions are recorded as changes", "[flags]") {
  flags.set("a");
  flags.set("a");
  flags.clear("never-set");
  flags.set("b");
  flags.clear("b");
  CHECK(flags.take_changes() == std::vector<std::string>{"a", "b"});
  CHECK(flags.take_changes().empty());
}

TEST_CASE_METHOD(FlagsFixture, "flags: every clear sets the removed marker, even of an unset flag", "[flags]") {
  CHECK_FALSE(flags.removed_since_reset());
  flags.set("a");
  CHECK_FALSE(flags.removed_since_reset());
  flags.clear("not-set");
  CHECK(flags.removed_since_reset());
  flags.reset_removed();
  CHECK_FALSE(flags.removed_since_reset());
  flags.clear("a");
  CHECK(flags.removed_since_reset());
}

TEST_CASE_METHOD(FlagsFixture, "flags: a set trigger sets, then clears, then calls back", "[flags]") {
  std::vector<std::string> seen;
  flags.set("to-clear");
  flags.register_trigger_when("a", Trigger{{"b"}, {"to-clear"}, [&] {
                                             seen.push_back(std::string("callback b=") +
                                                            (flags.is_set("b") ? "1" : "0") + " to-clear=" +
                                                            (flags.is_set("to-clear") ? "1" : "0"));
                                           }});
  flags.set("a");
  CHECK(seen == std::vector<std::string>{"callback b=1 to-clear=0"});
  CHECK(kv.get("reactive.flag_set_triggers.a") ==
        nlohmann::json({{"set_flag", {"b"}}, {"clear_flag", {"to-clear"}}}));

  SECTION("it does not fire when the flag was already set") {
    flags.set("a");
    CHECK(seen.size() == 1);
  }
  SECTION("it fires again after a clear and a set") {
    flags.clear("a");
    flags.set("a");
    CHECK(seen.size() == 2);
  }
}

TEST_CASE_METHOD(FlagsFixture, "flags: a clear trigger fires only when the flag was set", "[flags]") {
  int calls = 0;
  flags.register_trigger_when_not("a", Trigger{{"a.gone"}, {}, [&] { ++calls; }});
  flags.clear("a");
  CHECK(calls == 0);
  CHECK_FALSE(flags.is_set("a.gone"));
  flags.set("a");
  flags.clear("a");
  CHECK(calls == 1);
  CHECK(flags.is_set("a.gone"));
  CHECK(kv.get("reactive.flag_clear_triggers.a"));
}

TEST_CASE_METHOD(FlagsFixture, "flags: triggers chain, and their changes are recorded", "[flags]") {
  flags.register_trigger_when("a", Trigger{{"b"}, {}, {}});
  flags.register_trigger_when("b", Trigger{{"c"}, {}, {}});
  flags.register_trigger_when("a", Trigger{{"b", "d"}, {}, {}});  // lists merge without duplicates
  flags.set("a");
  CHECK(flags.list() == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(flags.take_changes() == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(kv.get("reactive.flag_set_triggers.a") == nlohmann::json({{"set_flag", {"b", "d"}}, {"clear_flag", nlohmann::json::array()}}));
}

TEST_CASE_METHOD(FlagsFixture, "flags: a trigger cycle fails instead of recursing forever", "[flags]") {
  flags.register_trigger_when("a", Trigger{{}, {"a"}, {}});
  flags.register_trigger_when_not("a", Trigger{{"a"}, {}, {}});
  CHECK_THROWS_WITH(flags.set("a"), Catch::Contains("cycle"));
}

TEST_CASE_METHOD(FlagsFixture, "flags: a trigger needs something to do", "[flags]") {
  CHECK_THROWS_AS(flags.register_trigger_when("a", Trigger{}), std::invalid_argument);
  CHECK_THROWS_AS(flags.register_trigger_when_not("a", Trigger{}), std::invalid_argument);
}

TEST_CASE_METHOD(FlagsFixture, "flags: clear_triggers forgets triggers and deletes their keys", "[flags]") {
  flags.register_trigger_when("a", Trigger{{"b"}, {}, {}});
  flags.register_trigger_when_not("a", Trigger{{"c"}, {}, {}});
  kv.set("reactive.flag_triggers.legacy", {{"set_flag", {"x"}}});
  flags.clear_triggers();
  CHECK(kv.get_range("reactive.flag_").empty());
  flags.set("a");
  flags.clear("a");
  CHECK(flags.list().empty());
}
