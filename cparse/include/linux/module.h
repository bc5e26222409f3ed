/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: modules. module_init()/module_exit() take the
 * kernel's loadable-module form; MODULE_*() add .modinfo strings.
 */
#ifndef _PCSLINT_LINUX_MODULE_H
#define _PCSLINT_LINUX_MODULE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/stringify.h>
#include <linux/kobject.h>
#include <linux/mod_devicetable.h>

#define MODULE_NAME_LEN 56

enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];
	int (*init)(void);
	void (*exit)(void);
	atomic_t refcnt;
};

/* pins the module's code and data; says nothing of its devices */
bool try_module_get(struct module *module);
void __module_get(struct module *module);
void module_put(struct module *module);
bool module_is_live(struct module *mod);
struct module *__module_address(unsigned long addr);

#define module_init(initfn)						\
	static inline initcall_t __maybe_unused __inittest(void)	\
	{ return initfn; }						\
	int init_module(void) __attribute__((__alias__(#initfn)))

#define module_exit(exitfn)						\
	static inline exitcall_t __maybe_unused __exittest(void)	\
	{ return exitfn; }						\
	void cleanup_module(void) __attribute__((__alias__(#exitfn)))

/*
 * .modinfo entries are no-ops here: a file-scope _Static_assert (a
 * declaration that declares nothing) keeps the trailing semicolon legal
 * and adds no global. The kernel emits a static .modinfo string.
 */
#define __MODULE_INFO(tag, name, info)	_Static_assert(1, __stringify(tag) "=" info)

#define MODULE_INFO(tag, info)		__MODULE_INFO(tag, tag, info)
#define MODULE_LICENSE(_license)	MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author)		MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_desc)	MODULE_INFO(description, _desc)
#define MODULE_ALIAS(_alias)		MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep)	MODULE_INFO(softdep, _softdep)
#define MODULE_VERSION(_version)	MODULE_INFO(version, _version)
#define MODULE_FIRMWARE(_firmware)	MODULE_INFO(firmware, _firmware)
#define MODULE_IMPORT_NS(ns)		MODULE_INFO(import_ns, __stringify(ns))
#define MODULE_PARM_DESC(_parm, desc)	MODULE_INFO(parm, #_parm ":" desc)
#define MODULE_DEVICE_TABLE(type, name)	_Static_assert(1, #type ":" #name)

#define module_param(name, type, perm)	_Static_assert(1, #name ":" #type)
#define module_param_named(name, value, type, perm) \
	_Static_assert(1, #name ":" #type)

#endif /* _PCSLINT_LINUX_MODULE_H */
