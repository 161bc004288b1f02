# provides
