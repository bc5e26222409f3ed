/* SPDX-License-Identifier: GPL-2.0 */
/* pcslint stub header: init/exit section markers and initcalls */
#ifndef _PCSLINT_LINUX_INIT_H
#define _PCSLINT_LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

#define __init		__section(".init.text") __cold notrace
#define __exit		__section(".exit.text") __cold notrace
#define __initdata	__section(".init.data")
#define __initconst	__section(".init.rodata")
#define __exitdata	__section(".exit.data")
#define __ref
#define __refdata

/*
 * pcslint analyzes files as parts of a module (kbuild passes -DMODULE for
 * those): THIS_MODULE is the module's own struct module.
 */
struct module;
extern struct module __this_module;
#define THIS_MODULE (&__this_module)

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

/* built-in code: an initcall table entry, reduced to a reference */
#define ___define_initcall(fn, id)					\
	static initcall_t __PASTE(__initcall_, __PASTE(fn, id)) __used	\
		__section(".initcall" #id ".init") = fn

#define core_initcall(fn)	___define_initcall(fn, 1)
#define postcore_initcall(fn)	___define_initcall(fn, 2)
#define arch_initcall(fn)	___define_initcall(fn, 3)
#define subsys_initcall(fn)	___define_initcall(fn, 4)
#define fs_initcall(fn)		___define_initcall(fn, 5)
#define device_initcall(fn)	___define_initcall(fn, 6)
#define late_initcall(fn)	___define_initcall(fn, 7)

#endif /* _PCSLINT_LINUX_INIT_H */
