// libcharm: everything a charm's C++ handlers need. Include this one header.
#pragma once
#include "charm/endpoint.hpp"
#include "charm/flags.hpp"
#include "charm/hook_env.hpp"
#include "charm/hook_tools.hpp"
#include "charm/host.hpp"
#include "charm/kv.hpp"
#include "charm/reactive.hpp"
#include "charm/runtime.hpp"
#include "charm/templating.hpp"
