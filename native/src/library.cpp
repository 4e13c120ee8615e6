// Library-level state: error channel, threads, seeds, grad mode, generators.
#include "internal.h"

namespace gml {
static thread_local std::string last_error;
void set_error(const char* message) { last_error = message ? message : ""; }
}  // namespace gml

using namespace gml;

extern "C" {

int32_t gml_abi_version(void) { return GML_ABI_VERSION; }
const char* gml_last_error(void) { return last_error.c_str(); }

int32_t gml_set_num_threads(int32_t n) {
    GML_TRY(if (n < 1) throw std::invalid_argument("thread count must be >= 1, got " + std::to_string(n));
            at::set_num_threads(n))
}
int32_t gml_get_num_threads(int32_t* out) { GML_TRY(*out = at::get_num_threads()) }
int32_t gml_manual_seed(uint64_t seed) { GML_TRY(torch::manual_seed(seed)) }

int32_t gml_set_grad_enabled(int32_t enabled, int32_t* previous) {
    GML_TRY(*previous = at::GradMode::is_enabled() ? 1 : 0; at::GradMode::set_enabled(enabled != 0))
}
int32_t gml_is_grad_enabled(int32_t* out) { GML_TRY(*out = at::GradMode::is_enabled() ? 1 : 0) }

int32_t gml_generator_new(uint64_t seed, gml_generator* out) {
    GML_TRY(auto g = at::detail::createCPUGenerator(seed);
            *out = reinterpret_cast<gml_generator>(new at::Generator(std::move(g))))
}
void gml_generator_free(gml_generator g) { delete reinterpret_cast<at::Generator*>(g); }
int32_t gml_generator_seed(gml_generator g, uint64_t seed) {
    GML_TRY(auto& gen = *reinterpret_cast<at::Generator*>(g); std::lock_guard<std::mutex> lock(gen.mutex());
            gen.set_current_seed(seed))
}
int32_t gml_generator_initial_seed(gml_generator g, uint64_t* out) {
    GML_TRY(*out = reinterpret_cast<at::Generator*>(g)->current_seed())
}

}  // extern "C"
