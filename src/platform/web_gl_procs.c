/* web_gl_procs: the GL functions SDL looks up by name, for the page.
 *
 * SDL's GLES2 renderer takes every GL function it calls from
 * SDL_GL_GetProcAddress, which on Emscripten ends in eglGetProcAddress.
 * Emscripten's own eglGetProcAddress is a table of every WebGL 1 and 2 entry
 * point (some 300), so linking it pulls all of them into the JavaScript glue
 * and their names into the wasm, for the 56 functions SDL uses (with WebGL 1
 * alone, 343.3 -> 335.3 KiB gz of the first load; issue 12). This definition takes its place (the linker
 * takes an archive's member only for a symbol still undefined) and names
 * just those: the list of SDL 2.26's src/render/opengles2/SDL_gles2funcs.h,
 * plus the one SDL_video.c asks for beyond them. A name not in the list gets
 * NULL, which SDL reports ("Couldn't load GLES2 function ..."), and this
 * says which name it was, so a newer SDL asking for more cannot fail
 * silently. Web build only: this file needs no #ifdef. */
#include <GLES2/gl2.h>
#include <stdio.h>
#include <string.h>

typedef void (*GlProc)(void);

/* Declared by Emscripten's EGL/egl.h with its own cast-me type; declared
 * here plainly so this file needs no EGL header. */
void *eglGetProcAddress(const char *name);

#define GL_PROC(name) { #name, (GlProc)name }
static const struct { const char *name; GlProc proc; } GL_PROCS[] = {
    /* SDL_gles2funcs.h, in its order */
    GL_PROC(glActiveTexture), GL_PROC(glAttachShader), GL_PROC(glBindAttribLocation),
    GL_PROC(glBindTexture), GL_PROC(glBlendEquationSeparate), GL_PROC(glBlendFuncSeparate),
    GL_PROC(glClear), GL_PROC(glClearColor), GL_PROC(glCompileShader), GL_PROC(glCreateProgram),
    GL_PROC(glCreateShader), GL_PROC(glDeleteProgram), GL_PROC(glDeleteShader),
    GL_PROC(glDeleteTextures), GL_PROC(glDisable), GL_PROC(glDisableVertexAttribArray),
    GL_PROC(glDrawArrays), GL_PROC(glEnable), GL_PROC(glEnableVertexAttribArray), GL_PROC(glFinish),
    GL_PROC(glGenFramebuffers), GL_PROC(glGenTextures), GL_PROC(glGetString), GL_PROC(glGetError),
    GL_PROC(glGetIntegerv), GL_PROC(glGetProgramiv), GL_PROC(glGetShaderInfoLog),
    GL_PROC(glGetShaderiv), GL_PROC(glGetUniformLocation), GL_PROC(glLinkProgram),
    GL_PROC(glPixelStorei), GL_PROC(glReadPixels), GL_PROC(glScissor), GL_PROC(glShaderBinary),
    GL_PROC(glShaderSource), GL_PROC(glTexImage2D), GL_PROC(glTexParameteri),
    GL_PROC(glTexSubImage2D), GL_PROC(glUniform1i), GL_PROC(glUniform4f),
    GL_PROC(glUniformMatrix4fv), GL_PROC(glUseProgram), GL_PROC(glVertexAttribPointer),
    GL_PROC(glViewport), GL_PROC(glBindFramebuffer), GL_PROC(glFramebufferTexture2D),
    GL_PROC(glCheckFramebufferStatus), GL_PROC(glDeleteFramebuffers), GL_PROC(glGetAttribLocation),
    GL_PROC(glGetProgramInfoLog), GL_PROC(glGenBuffers), GL_PROC(glDeleteBuffers),
    GL_PROC(glBindBuffer), GL_PROC(glBufferData), GL_PROC(glBufferSubData),
    /* SDL_video.c: SDL_GL_GetAttribute (glGetStringi, which it asks for
     * only of a GL 3 context, is WebGL 2's: the page's context is WebGL 1,
     * the one SDL's GLES2 renderer asks for, and the build links no more,
     * MAX_WEBGL_VERSION=1 in CMakeLists.txt) */
    GL_PROC(glGetFramebufferAttachmentParameteriv),
};

void *eglGetProcAddress(const char *name)
{
    for (size_t i = 0; i < sizeof GL_PROCS / sizeof GL_PROCS[0]; i++)
        if (strcmp(GL_PROCS[i].name, name) == 0) return (void *)GL_PROCS[i].proc;
    fprintf(stderr, "steppe_atlas: no GL function %s in src/platform/web_gl_procs.c\n", name);
    return NULL;
}
