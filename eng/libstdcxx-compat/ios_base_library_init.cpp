// The one libstdc++ symbol of GLIBCXX_3.4.32 that TorchSharp's libLibTorchSharp.so uses. GCC 13 emits a call to it
// wherever <iostream> is included, to make sure the standard streams exist; libstdc++ 13 defines it as exactly this.
#include <ios>

namespace std {
__attribute__((visibility("default"))) void ios_base_library_init();

void ios_base_library_init()
{
    static ios_base::Init streams;
}
}
