from gckey_tui.cli import main

main()
