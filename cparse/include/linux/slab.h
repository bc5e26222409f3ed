/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pcslint stub header: kernel heap. Simplified: kmalloc()/kzalloc() are
 * plain functions here (6.12 wraps them in alloc_hooks() statement
 * expressions around kmalloc_noprof()/kzalloc_noprof()).
 */
#ifndef _PCSLINT_LINUX_SLAB_H
#define _PCSLINT_LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/err.h>
#include <linux/cleanup.h>

void * __malloc kmalloc(size_t size, gfp_t flags);
void * __malloc kmalloc_node(size_t size, gfp_t flags, int node);
void * __malloc kvmalloc(size_t size, gfp_t flags);
void *krealloc(const void *objp, size_t new_size, gfp_t flags);
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
void kvfree(const void *addr);
size_t ksize(const void *objp);

DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))
DEFINE_FREE(kvfree, void *, if (!IS_ERR_OR_NULL(_T)) kvfree(_T))

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kvzalloc(size_t size, gfp_t flags)
{
	return kvmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	return kmalloc(n * size, flags);
}

#define kcalloc(n, size, flags)	kmalloc_array(n, size, (flags) | __GFP_ZERO)

struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags) __malloc;
void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);

#endif /* _PCSLINT_LINUX_SLAB_H */
