/*
 * Marks a version that an ELF64 file needs (such as GLIBCXX_3.4.32) as weak, in place: the dynamic loader then loads
 * the file against a library that lacks that version instead of refusing it. The symbols bound to that version must
 * be unversioned first (patchelf --clear-symbol-version), or they would still look for it.
 *   weaken_version_need FILE VERSION      exit 0 when marked (or already weak), 1 when the file does not need it.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE VERSION\n", argv[0]);
        return 2;
    }
    int fd = open(argv[1], O_RDWR);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(argv[1]);
        return 2;
    }
    unsigned char *base = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        perror(argv[1]);
        return 2;
    }
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    if ((size_t)st.st_size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64) {
        fprintf(stderr, "%s: not a 64-bit ELF file\n", argv[1]);
        return 2;
    }
    const Elf64_Shdr *sections = (const Elf64_Shdr *)(base + eh->e_shoff);
    int marked = 0;
    for (int s = 0; s < eh->e_shnum; s++) {
        if (sections[s].sh_type != SHT_GNU_verneed) continue;
        const char *strings = (const char *)(base + sections[sections[s].sh_link].sh_offset);
        unsigned char *need = base + sections[s].sh_offset;
        for (Elf64_Word n = 0; n < sections[s].sh_info; n++) {
            const Elf64_Verneed *vn = (const Elf64_Verneed *)need;
            unsigned char *aux = need + vn->vn_aux;
            for (Elf64_Half a = 0; a < vn->vn_cnt; a++) {
                Elf64_Vernaux *va = (Elf64_Vernaux *)aux;
                if (strcmp(strings + va->vna_name, argv[2]) == 0) {
                    va->vna_flags |= VER_FLG_WEAK;
                    marked++;
                }
                aux += va->vna_next;
            }
            need += vn->vn_next;
        }
    }
    msync(base, (size_t)st.st_size, MS_SYNC);
    munmap(base, (size_t)st.st_size);
    close(fd);
    if (!marked) {
        fprintf(stderr, "%s does not need %s\n", argv[1], argv[2]);
        return 1;
    }
    return 0;
}
