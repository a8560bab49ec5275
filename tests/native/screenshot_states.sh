# The states the reference screenshots show, one a line: NAME, then the
# --screenshot options that render it (bash words). Sourced by
# screenshots_test.sh and tools/refresh_reference_screenshots.sh, so the test
# and the refresh can never disagree on what a reference shows.
# shellcheck shell=bash
screenshot_states=(
  "home|--size 640x400"
  "kaz|--size 640x400 --state c=KAZ"
  "event|--size 800x500 --state e=ev-2019-06-09-presidential-election"
  "article|--size 800x500 --state a=a-tokayev-election-2019"
  "phone-uzb|--size 360x640 --state c=UZB"
  "contrast-kaz|--size 640x400 --state c=KAZ&theme=contrast&l=markers,labels,relations"
  "dpr2-tjk|--size 480x300 --dpr 2 --state c=TJK&t=2018-2019"
  "tour-stop|--size 800x500 --tour transition-2019 --stop 3"
  "quiz-question|--size 800x500 --quiz 1 --questions 5"
  "dark-200|--size 1024x768 --theme dark --text-scale 200 --state c=KAZ"
  "projector-hint|--size 1024x768 --hint"
)

# screenshot_render APP NAME OUT.png: renders state NAME with APP.
screenshot_render() {
  local app=$1 name=$2 out=$3 entry
  for entry in "${screenshot_states[@]}"; do
    if [ "${entry%%|*}" = "$name" ]; then
      local -a args
      read -r -a args <<<"${entry#*|}"
      "$app" --screenshot "$out" "${args[@]}"
      return
    fi
  done
  echo "no screenshot state named $name" >&2
  return 2
}

# The names, one a line.
screenshot_names() {
  local entry
  for entry in "${screenshot_states[@]}"; do echo "${entry%%|*}"; done
}
