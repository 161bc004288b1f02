mkdir -p my-app && echo 'my work' > my-app/notes.txt
