#define UTS_MACHINE		"x86_64"
#define LINUX_COMPILE_BY	"root"
#define LINUX_COMPILE_HOST	"vm"
#define LINUX_COMPILER		"gcc (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40"
