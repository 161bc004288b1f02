#include "pack/libzip_api.hpp"

#include <dlfcn.h>

#include <string>

#include "util/error.hpp"

namespace pack {

namespace {

template <typename F>
void bind(void* handle, F& target, const char* name) {
  void* symbol = ::dlsym(handle, name);
  if (!symbol) throw util::BuildError(std::string("libzip lacks ") + name + "; install libzip4 1.7 or newer");
  target = reinterpret_cast<F>(symbol);
}

LibzipApi load() {
  void* handle = ::dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    throw util::BuildError(std::string("--charm-file needs libzip: ") + ::dlerror() + " (apt-get install libzip4)");
  LibzipApi api{};
  bind(handle, api.open, "zip_open");
  bind(handle, api.close, "zip_close");
  bind(handle, api.discard, "zip_discard");
  bind(handle, api.strerror, "zip_strerror");
  bind(handle, api.error_init_with_code, "zip_error_init_with_code");
  bind(handle, api.error_strerror, "zip_error_strerror");
  bind(handle, api.error_fini, "zip_error_fini");
  bind(handle, api.dir_add, "zip_dir_add");
  bind(handle, api.source_buffer, "zip_source_buffer");
  bind(handle, api.source_free, "zip_source_free");
  bind(handle, api.file_add, "zip_file_add");
  bind(handle, api.set_file_compression, "zip_set_file_compression");
  bind(handle, api.file_set_external_attributes, "zip_file_set_external_attributes");
  bind(handle, api.file_set_mtime, "zip_file_set_mtime");
  return api;
}

}  // namespace

const LibzipApi& libzip() {
  static const LibzipApi api = load();
  return api;
}

}  // namespace pack
