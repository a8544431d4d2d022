// Compiled against one library's include view with PROBE_HEADER naming a header of some layer:
// tests/layering/CMakeLists.txt expects it to compile when that layer is below the library, and
// to fail with "No such file" when it is above.
#include PROBE_HEADER
